-- TAXII 2.1 team collections: who may read and write each one, every version of every object, and the status
-- resources of POST requests. Written for both H2 and PostgreSQL; ${text} is CLOB on H2 and TEXT on PostgreSQL.

CREATE TABLE taxii_collections (
    id          VARCHAR(36)   PRIMARY KEY,
    title       VARCHAR(200)  NOT NULL,
    description VARCHAR(2000) NOT NULL,
    alias       VARCHAR(64)   UNIQUE,
    created_by  VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per grant: grantee is user:NAME or role:ROLE, access is read or write.
CREATE TABLE taxii_permissions (
    collection_id VARCHAR(36) NOT NULL REFERENCES taxii_collections (id) ON DELETE CASCADE,
    grantee       VARCHAR(80) NOT NULL,
    access        VARCHAR(8)  NOT NULL,
    PRIMARY KEY (collection_id, grantee, access)
);

-- Every version kept; a version is the object's modified (else created) timestamp, in microseconds.
CREATE TABLE taxii_objects (
    collection_id VARCHAR(36)  NOT NULL REFERENCES taxii_collections (id) ON DELETE CASCADE,
    object_id     VARCHAR(300) NOT NULL,
    version       TIMESTAMP WITH TIME ZONE NOT NULL,
    object_type   VARCHAR(250) NOT NULL,
    spec_version  VARCHAR(8)   NOT NULL,
    date_added    TIMESTAMP WITH TIME ZONE NOT NULL,
    content       ${text}      NOT NULL,
    PRIMARY KEY (collection_id, object_id, version)
);

-- Listings are ordered by (date_added, object_id, version): the paging order.
CREATE INDEX taxii_objects_paging ON taxii_objects (collection_id, date_added, object_id, version);

CREATE TABLE taxii_statuses (
    id         VARCHAR(36)  PRIMARY KEY,
    api_root   VARCHAR(100) NOT NULL,
    owner      VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    content    ${text}      NOT NULL
);
