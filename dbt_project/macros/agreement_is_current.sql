{#-
    An agreement covers on_date when it was signed on or before that day and had
    not ended: end_date is the first day no longer covered (expiry or revocation).
-#}
{% macro agreement_is_current(agreement, on_date) -%}
    ({{ agreement }}.signed_date <= {{ on_date }}
     and ({{ agreement }}.end_date is null or {{ on_date }} < {{ agreement }}.end_date))
{%- endmacro %}
