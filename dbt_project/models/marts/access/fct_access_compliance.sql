with

coverage as (

    select * from {{ ref('int_access_entry_coverage') }}

),

offices as (

    select * from {{ ref('dim_offices') }}

),

final as (

    select
        ---------- ids
        coverage.entry_id,
        coverage.staff_key,
        coverage.organization_id,
        coverage.office_id,

        ---------- descriptive
        coverage.system,
        coverage.entry_kind,
        coverage.organization_name,
        coverage.partner_type,
        offices.lwda_code,

        ---------- finding
        coverage.missing_kind,
        coverage.required_organization_agreement,
        coverage.has_individual_agreement,
        coverage.has_organization_agreement,

        ---------- dates
        coverage.entry_date,
        coverage.entered_at

    from coverage
    left join offices
        on coverage.office_id = offices.office_id
    where not coverage.is_covered

)

select * from final
