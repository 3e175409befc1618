-- Free text in which ingest found and redacted SSN-shaped numbers: each row a
-- data-quality finding (staff must not type SSNs into comments).
with

services as (

    select * from {{ ref('stg_osos__services') }}

),

final as (

    select
        ---------- ids
        'osos__services' as source_table,
        'comments' as source_column,
        service_id as record_id,
        staff_key,
        office_id,

        ---------- finding
        comments_ssn_redactions as ssn_redactions,

        ---------- lineage
        extract_date,
        source_file,
        source_line,
        load_id

    from services
    where comments_ssn_redactions > 0

)

select * from final
