with

source as (

    select * from {{ source('osos', 'access_agreements') }}

),

final as (

    select

        ---------- ids
        {{ clean_string('agreement_id') }} as agreement_id,
        {{ clean_string('holder_staff_key') }} as holder_staff_key,
        {{ clean_string('holder_organization_id') }} as holder_organization_id,

        ---------- codes
        {{ clean_string('agreement_kind') }} as agreement_kind,
        {{ clean_string('system') }} as system,

        ---------- dates
        {{ parse_date('signed_date') }} as signed_date,
        {{ parse_date('end_date') }} as end_date,

        ---------- lineage
        _extract_date as extract_date,
        _source_file as source_file,
        _source_line as source_line,
        _load_id as load_id

    from source

)

select * from final
