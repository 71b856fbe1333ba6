// Constants shared across layers: the model writes vectors of this size and the SQL schema sizes its
// vector columns from it (db/migrate.ts substitutes it into the migrations).
export const EMBEDDING_DIM = 64;
