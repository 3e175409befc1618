{#-
    Fails on every row whose value lies outside [min_value, max_value]
    (or the open interval when inclusive=false). Either bound may be omitted.
    Nulls pass: pair with not_null where a value is required.
-#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}

with

validation as (

    select {{ column_name }} as value_checked
    from {{ model }}
    where {{ column_name }} is not null

),

failures as (

    select *
    from validation
    where false
    {%- if min_value is not none %}
        or value_checked {{ '<' if inclusive else '<=' }} {{ min_value }}
    {%- endif %}
    {%- if max_value is not none %}
        or value_checked {{ '>' if inclusive else '>=' }} {{ max_value }}
    {%- endif %}

)

select * from failures

{% endtest %}
