{#-
    The calendar date an instant falls on in the offices' time zone
    (var office_timezone, America/New_York by default): a service entered at
    2026-11-24 22:30 New York time (03:30 UTC the next day) was entered on
    2026-11-24. Never depends on the session's TimeZone setting.
-#}
{% macro to_office_date(timestamptz_expression) -%}
    cast(timezone('{{ var("office_timezone") }}', {{ timestamptz_expression }}) as date)
{%- endmacro %}
