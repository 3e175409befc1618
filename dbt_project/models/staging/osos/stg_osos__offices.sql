with

source as (

    select * from {{ source('osos', 'offices') }}

),

final as (

    select

        ---------- ids
        {{ clean_string('office_id') }} as office_id,

        ---------- descriptive
        {{ clean_string('office_name') }} as office_name,
        {{ clean_string('lwda_name') }} as lwda_name,

        ---------- codes
        {{ clean_string('lwda_code') }} as lwda_code,
        {{ clean_string('office_type') }} as office_type,

        ---------- dates
        {{ parse_date('opened_date') }} as opened_date,
        {{ parse_date('closed_date') }} as closed_date,

        ---------- lineage
        _extract_date as extract_date,
        _source_file as source_file,
        _source_line as source_line,
        _load_id as load_id

    from source

)

select * from final
