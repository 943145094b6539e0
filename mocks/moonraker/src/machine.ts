/** Static, plausible host facts for `machine.system_info` (a Raspberry Pi 4, as in Moonraker's docs). */

export function systemInfo(): Record<string, unknown> {
  return {
    system_info: {
      provider: 'systemd_dbus',
      cpu_info: {
        cpu_count: 4,
        bits: '64bit',
        processor: 'aarch64',
        cpu_desc: '',
        serial_number: 'b0a3c1d5',
        hardware_desc: '',
        model: 'Raspberry Pi 4 Model B Rev 1.4',
        total_memory: 3_884_376,
        memory_units: 'kB',
      },
      sd_info: {
        manufacturer_id: '03',
        manufacturer: 'Sandisk',
        oem_id: '5344',
        product_name: 'SU32G',
        product_revision: '8.0',
        serial_number: '46ba46',
        manufacturer_date: '4/2018',
        capacity: '29.7 GiB',
        total_bytes: 31_914_983_424,
      },
      distribution: {
        name: 'Debian GNU/Linux 12 (bookworm)',
        id: 'debian',
        version: '12',
        version_parts: { major: '12', minor: '', build_number: '' },
        like: '',
        codename: 'bookworm',
      },
      available_services: ['klipper', 'moonraker'],
      instance_ids: { moonraker: 'moonraker', klipper: 'klipper' },
      service_state: {
        klipper: { active_state: 'active', sub_state: 'running' },
        moonraker: { active_state: 'active', sub_state: 'running' },
      },
      virtualization: { virt_type: 'none', virt_identifier: 'none' },
      python: {
        version: [3, 11, 2, 'final', 0],
        version_string: '3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]',
      },
      network: {
        wlan0: {
          mac_address: 'dc:a6:32:00:00:01',
          ip_addresses: [{ family: 'ipv4', address: '127.0.0.1', is_link_local: false }],
        },
      },
      canbus: {},
    },
  };
}
