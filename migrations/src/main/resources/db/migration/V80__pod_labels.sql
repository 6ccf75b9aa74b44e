-- The pod's labels as a column the pods projection writes from PodSnapshot.labels(), so readers (the alert
-- selector's pod join) get them without knowing the field names of the stored snapshot JSON.
ALTER TABLE pod ADD COLUMN labels jsonb NOT NULL DEFAULT '{}'::jsonb;

-- existing rows convert without a rebuild: the snapshot already holds the labels
UPDATE pod SET labels = snapshot -> 'labels'
WHERE jsonb_typeof(snapshot -> 'labels') = 'object';
