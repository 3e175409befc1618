with

offices as (

    select * from {{ ref('stg_osos__offices') }}

),

latest_snapshot_offices as (

    {{ latest_snapshot('offices') }}

),

final as (

    select
        office_id,
        office_name,
        lwda_code,
        lwda_name,
        office_type,
        opened_date,
        closed_date,
        extract_date as snapshot_date
    from latest_snapshot_offices

)

select * from final
