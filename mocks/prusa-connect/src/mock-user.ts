/**
 * The mock's one user, the team's owner. The id is the `connect_id` of the seed's decoded JWT (its
 * `sub`, the account id, is 1530681); the names are the mock's own.
 */
export const MOCK_USER = {
  id: 157_235,
  first_name: 'Print',
  last_name: 'Kit',
  public_name: 'printkit',
} as const;
