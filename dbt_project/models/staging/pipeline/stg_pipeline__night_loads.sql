with

source as (

    select * from {{ source('pipeline', 'night_loads') }}

),

final as (

    select
        load_id,
        extract_date
    from source

)

select * from final
