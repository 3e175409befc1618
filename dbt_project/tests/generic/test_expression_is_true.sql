{#-
    Fails on every row where the SQL boolean expression is not true
    (false or null). On a column, the expression is appended to the column
    name: `expression: ">= 0"`; on a model, it stands alone.
-#}
{% test expression_is_true(model, expression, column_name=none) %}

with

failures as (

    select *
    from {{ model }}
    {% if column_name is none -%}
    where not coalesce(({{ expression }}), false)
    {%- else -%}
    where not coalesce(({{ column_name }} {{ expression }}), false)
    {%- endif %}

)

select * from failures

{% endtest %}
