with

source as (

    select * from {{ source('ny_state', 'holidays') }}

),

final as (

    select

        ---------- dates
        cast(closure_date as date) as closure_date,

        ---------- descriptive
        holiday_name,
        is_floating

    from source

)

select * from final
