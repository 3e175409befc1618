with

readiness as (

    select * from {{ ref('fct_participant_readiness') }}

),

element_problems as (

    -- one row per participant record and element it is missing or fails
    select
        lwda_code, office_id, program, report_quarter,
        unnest(missing_elements) as pirl_element,
        'missing' as problem
    from readiness
    union all
    select
        lwda_code, office_id, program, report_quarter,
        unnest(failing_elements) as pirl_element,
        'failing' as problem
    from readiness

),

element_counts as (

    select
        lwda_code, office_id, program, report_quarter, problem, pirl_element,
        count(*) as records
    from element_problems
    group by all

),

top_elements as (

    select
        lwda_code, office_id, program, report_quarter,
        array_to_string(
            list(pirl_element || ' (' || records || ')' order by records desc, pirl_element)
                filter (where problem = 'missing')[1:3],
            ', '
        ) as top_missing_elements,
        array_to_string(
            list(pirl_element || ' (' || records || ')' order by records desc, pirl_element)
                filter (where problem = 'failing')[1:3],
            ', '
        ) as top_failing_elements
    from element_counts
    group by all

),

grouped as (

    select
        program_year,
        program_quarter,
        report_quarter,
        lwda_code,
        lwda_name,
        office_id,
        office_name,
        program,
        count(*) as participants,
        count_if(is_reporting_ready) as ready,
        count_if(is_exiter_in_quarter) as exiters,
        count_if(is_exiter_in_quarter and is_reporting_ready) as ready_exiters,
        count_if(has_ssn) as with_ssn
    from readiness
    group by all

),

final as (

    select
        ---------- grain
        grouped.report_quarter,
        grouped.program_year,
        grouped.program_quarter,
        grouped.lwda_code,
        grouped.lwda_name,
        grouped.office_id,
        grouped.office_name,
        grouped.program,

        ---------- measures
        grouped.participants,
        grouped.ready,
        round(100.0 * grouped.ready / grouped.participants, 1) as pct_ready,
        grouped.exiters,
        grouped.ready_exiters,
        round(100.0 * grouped.with_ssn / grouped.participants, 1) as pct_with_ssn,
        coalesce(top_elements.top_missing_elements, '') as top_missing_elements,
        coalesce(top_elements.top_failing_elements, '') as top_failing_elements

    from grouped
    left join top_elements
        on grouped.lwda_code is not distinct from top_elements.lwda_code
        and grouped.office_id is not distinct from top_elements.office_id
        and grouped.program = top_elements.program
        and grouped.report_quarter = top_elements.report_quarter

)

select * from final
