{{ config(materialized='table') }}

-- The taxi zones; in the TLC's file the green-taxi area is called "Boro Zone"
select
    locationid,
    borough,
    zone,
    replace(service_zone, 'Boro', 'Green') as service_zone
from {{ ref('taxi_zone_lookup') }}
