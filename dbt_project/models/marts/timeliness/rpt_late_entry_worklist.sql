-- Services entered late in the recent days (var recent_days, up to the as-of night), by
-- LWDA, staff key, office and service, newest entry first; at most var worklist_rows
-- rows per LWDA: each LWDA page's late-entry worklist.
{{ config(materialized='view') }}

with

service_entries as (

    select * from {{ ref('fct_service_entries') }}

),

reporting_period as (

    select * from {{ ref('rpt_reporting_period') }}

),

late_recent_entries as (

    select service_entries.*
    from service_entries
    cross join reporting_period
    where not service_entries.is_timely
      and service_entries.entry_date
          between reporting_period.recent_from_date and reporting_period.as_of_night

),

grouped as (

    select
        lwda_code,
        staff_key,
        office_id,
        service_name,
        count(*) as late_services,
        max(service_date) as newest_service_date,
        max(entry_date) as newest_entry_date,
        max(entry_lag_business_days) as longest_lag_business_days
    from late_recent_entries
    group by lwda_code, staff_key, office_id, service_name

),

ranked as (

    select
        grouped.*,
        row_number() over (
            partition by lwda_code
            order by newest_entry_date desc, late_services desc, staff_key, service_name, office_id
        ) as worklist_rank
    from grouped

),

final as (

    select
        ---------- grain
        lwda_code,
        staff_key,
        office_id,
        service_name,

        ---------- order on the page
        worklist_rank,

        ---------- measures
        late_services,
        newest_service_date,
        newest_entry_date,
        longest_lag_business_days

    from ranked
    cross join reporting_period
    where ranked.worklist_rank <= reporting_period.worklist_rows

)

select * from final
