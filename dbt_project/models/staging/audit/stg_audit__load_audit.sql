with

source as (

    select * from {{ source('audit', 'load_audit') }}

),

final as (

    select
        ---------- ids
        load_id,

        ---------- event
        cast(extract_date as date) as extract_date,
        step,
        status,
        message,

        ---------- file
        file as file_name,
        entity,
        rows as file_rows,
        sha256,

        ---------- timestamps
        recorded_at

    from source

)

select * from final
