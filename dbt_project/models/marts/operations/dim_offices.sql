with

offices as (

    select * from {{ ref('int_offices_current') }}

),

final as (

    select
        ---------- ids
        office_id,

        ---------- descriptive
        office_name,
        office_type,
        lwda_code,
        lwda_name,

        ---------- dates
        opened_date,
        closed_date,
        closed_date is null as is_open,
        snapshot_date

    from offices

)

select * from final
