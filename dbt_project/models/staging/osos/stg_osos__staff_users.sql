with

source as (

    select * from {{ source('osos', 'staff_users') }}

),

final as (

    select

        ---------- ids
        {{ clean_string('staff_key') }} as staff_key,
        {{ clean_string('office_id') }} as office_id,
        {{ clean_string('organization_id') }} as organization_id,

        ---------- codes
        {{ clean_string('staff_role') }} as staff_role,
        {{ clean_string('systems') }} as systems,

        ---------- dates
        {{ parse_date('active_from') }} as active_from,
        {{ parse_date('active_to') }} as active_to,

        ---------- lineage
        _extract_date as extract_date,
        _source_file as source_file,
        _source_line as source_line,
        _load_id as load_id

    from source

)

select * from final
