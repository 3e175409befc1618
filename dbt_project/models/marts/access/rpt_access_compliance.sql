-- By organization, office and month of entry: entries, uncovered entries, users who
-- entered without a current individual agreement, and the agreements due to lapse in
-- the 30 days after the latest extract date with no renewal signed.
with

coverage as (

    select * from {{ ref('int_access_entry_coverage') }}

),

staff as (

    {{ latest_snapshot(ref('stg_osos__staff_users')) }}

),

agreements as (

    {{ latest_snapshot(ref('stg_osos__access_agreements')) }}

),

as_of as (

    select max(extract_date) as extract_date from agreements

),

expiring as (

    -- current on the extract date, ending within 30 days, and no agreement of the same
    -- holder, kind and system that is current on the day it ends
    select agreements.*
    from agreements
    cross join as_of
    where {{ agreement_is_current('agreements', 'as_of.extract_date') }}
      and agreements.end_date <= as_of.extract_date + interval 30 day
      and not exists (
          select 1
          from agreements as renewal
          where renewal.agreement_id <> agreements.agreement_id
            and renewal.agreement_kind = agreements.agreement_kind
            and renewal.system = agreements.system
            and renewal.holder_staff_key is not distinct from agreements.holder_staff_key
            and renewal.holder_organization_id
                is not distinct from agreements.holder_organization_id
            and {{ agreement_is_current('renewal', 'agreements.end_date') }}
      )

),

individual_expiring as (

    select staff.organization_id, staff.office_id, count(*) as agreements
    from expiring
    inner join staff
        on expiring.holder_staff_key = staff.staff_key
    group by all

),

organization_expiring as (

    select holder_organization_id as organization_id, count(*) as agreements
    from expiring
    where holder_organization_id is not null
    group by all

),

monthly as (

    select
        organization_id,
        office_id,
        cast(date_trunc('month', entry_date) as date) as entry_month,
        count(*) as entries,
        count(*) filter (where not is_covered) as uncovered_entries,
        count(distinct staff_key) filter (where not has_individual_agreement)
            as users_without_current_agreement
    from coverage
    group by all

),

final as (

    select
        monthly.organization_id,
        monthly.office_id,
        monthly.entry_month,
        monthly.entries,
        monthly.uncovered_entries,
        round(100.0 * (monthly.entries - monthly.uncovered_entries) / monthly.entries, 1)
            as pct_covered,
        monthly.users_without_current_agreement,
        coalesce(individual_expiring.agreements, 0) as individual_agreements_expiring_30d,
        coalesce(organization_expiring.agreements, 0) as organization_agreements_expiring_30d,
        as_of.extract_date as expiring_as_of
    from monthly
    cross join as_of
    left join individual_expiring
        on monthly.organization_id is not distinct from individual_expiring.organization_id
        and monthly.office_id = individual_expiring.office_id
    left join organization_expiring
        on monthly.organization_id = organization_expiring.organization_id

)

select * from final
