-- Which condors a hedge layer protects, and the share of its flows allocated to each (1/n).
CREATE TABLE alvh_projection.layer_allocations (
    layer_id  uuid    NOT NULL,
    condor_id uuid    NOT NULL,
    share     numeric NOT NULL CHECK (share > 0 AND share <= 1),
    PRIMARY KEY (layer_id, condor_id)
);

