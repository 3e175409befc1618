-- WIPS stage 2, valid values: a delivered value without the element's format or
-- outside its valid values. One row per enrollment and element that fails.

with

element_values as (

    select * from {{ ref('int_pirl_element_values') }}

),

failures as (

    select *
    from element_values
    where is_present and not is_valid

),

final as (

    select
        enrollment_id,
        participant_key,
        program_code,
        pirl_element,
        'VV' || pirl_element as rule_id,
        'valid_value' as check_class,
        -- dates are never echoed (a date of birth is personal data)
        case when data_format = 'DT' then null else element_value end as value_provided,
        element_name || ' (PIRL ' || pirl_element || '): '
        || case
            when data_format = 'DT' then 'not a valid date'
            else 'value ''' || element_value || ''' is not one of ' || replace(valid_values, '|', ', ')
        end as message
    from failures

)

select * from final
