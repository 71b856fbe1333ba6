-- Approximate nearest-neighbour indexes for the tables that grow (organisations, startups). Cosine distance,
-- so the operator class matches the `<=>` operator the queries use. Small tables are scanned exactly;
-- queries that filter use pgvector's iterative index scans so a WHERE after the index still fills the page.
CREATE INDEX organizations_embedding_hnsw ON organizations USING hnsw (embedding vector_cosine_ops);
CREATE INDEX startups_embedding_hnsw ON startups USING hnsw (embedding vector_cosine_ops);
