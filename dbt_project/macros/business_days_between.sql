{#-
    The number of business days d with start_date < d <= end_date, by the ordinal
    join on the office calendar: business_day_number(end) - business_day_number(start).
    0 for the same day, 1 from a Friday to the next Monday, negative when end is
    before start, null when either date is null or outside the calendar.
    calendar_relation is the caller's import CTE of int_calendar_days, so the model
    keeps its ref (and its unit tests their calendar fixture). Pass qualified column
    names: the dates are correlated into subqueries on the calendar.
-#}
{% macro business_days_between(calendar_relation, start_date, end_date) -%}
    (
        (
            select bdb_end.business_day_number
            from {{ calendar_relation }} as bdb_end
            where bdb_end.calendar_date = {{ end_date }}
        )
        - (
            select bdb_start.business_day_number
            from {{ calendar_relation }} as bdb_start
            where bdb_start.calendar_date = {{ start_date }}
        )
    )
{%- endmacro %}
