// Who uses Foothold: an account has one role, which decides what it may do (founders and accelerators own
// startups; accelerators upload cohorts; corporates search startups that opted in; admins manage the
// knowledge base).
export const ROLES = ['founder', 'accelerator', 'corporate', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: string;
  name: string;
  role: Role;
}
