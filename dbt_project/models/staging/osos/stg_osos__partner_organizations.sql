with

source as (

    select * from {{ source('osos', 'partner_organizations') }}

),

final as (

    select

        ---------- ids
        {{ clean_string('organization_id') }} as organization_id,

        ---------- descriptive
        {{ clean_string('organization_name') }} as organization_name,

        ---------- codes
        {{ clean_string('partner_type') }} as partner_type,

        ---------- lineage
        _extract_date as extract_date,
        _source_file as source_file,
        _source_line as source_line,
        _load_id as load_id

    from source

)

select * from final
