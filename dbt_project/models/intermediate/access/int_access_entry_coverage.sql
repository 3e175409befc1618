-- TA 17-7: an entry is covered when, on its entry date, its user held a current
-- individual agreement for the system AND the user's organization held the kind of
-- organization agreement its partner type requires for that system (NYSDOL needs none).
-- Staff, organizations and agreements come from the latest snapshot.
with

entries as (

    select * from {{ ref('int_access_entries') }}

),

staff as (

    {{ latest_snapshot(ref('stg_osos__staff_users')) }}

),

organizations as (

    {{ latest_snapshot(ref('stg_osos__partner_organizations')) }}

),

agreements as (

    {{ latest_snapshot(ref('stg_osos__access_agreements')) }}

),

requirements as (

    select * from {{ ref('access_agreement_requirements') }}

),

judged as (

    select
        entries.*,
        staff.staff_key is not null as is_known_user,
        staff.organization_id,
        organizations.organization_name,
        organizations.partner_type,
        requirements.required_kind as required_organization_agreement,
        exists (
            select 1
            from agreements as a
            where a.agreement_kind = 'INDIVIDUAL'
              and a.system = entries.system
              and a.holder_staff_key = entries.staff_key
              and {{ agreement_is_current('a', 'entries.entry_date') }}
        ) as has_individual_agreement,
        organizations.partner_type is not null
        and (
            requirements.required_kind is null
            or exists (
                select 1
                from agreements as a
                where a.agreement_kind = requirements.required_kind
                  and a.system = entries.system
                  and a.holder_organization_id = staff.organization_id
                  and {{ agreement_is_current('a', 'entries.entry_date') }}
            )
        ) as has_organization_agreement,
        exists (
            select 1
            from agreements as a
            where a.agreement_kind <> 'INDIVIDUAL'
              and a.system = entries.system
              and a.holder_organization_id = staff.organization_id
              and {{ agreement_is_current('a', 'entries.entry_date') }}
        ) as has_any_organization_agreement
    from entries
    left join staff
        on entries.staff_key = staff.staff_key
    left join organizations
        on staff.organization_id = organizations.organization_id
    left join requirements
        on organizations.partner_type = requirements.partner_type
        and entries.system = requirements.system

),

final as (

    select
        entry_id,
        system,
        entry_kind,
        staff_key,
        organization_id,
        organization_name,
        partner_type,
        office_id,
        entered_at,
        entry_date,
        required_organization_agreement,
        has_individual_agreement,
        has_organization_agreement,
        case
            when not is_known_user then 'unknown_user'
            when not has_individual_agreement and not has_organization_agreement
                then 'individual_and_organization_agreement'
            when not has_individual_agreement then 'individual_agreement'
            when not has_organization_agreement and has_any_organization_agreement
                then 'wrong_organization_agreement_kind'
            when not has_organization_agreement then 'organization_agreement'
        end as missing_kind
    from judged

)

select
    *,
    missing_kind is null as is_covered
from final
