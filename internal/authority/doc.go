// Package authority names the English local authorities with children's
// services: the key that groups one authority's letters (Key), and, from
// that key, the Department for Education's three-digit code, the ONS code,
// the region and the statistical neighbours (ByKey, ByCode). Those codes
// are how researchers join letters to the published statistics.
//
// # Data
//
// la-lookup.csv is embedded as published by data-to-insight's
// ofsted-focused-visit-scrape-tool (import_data/la_lookup/
// Provider_data_lookup.csv at commit c91dee0), under the MIT licence in
// la-lookup.LICENSE, which must travel with any copy; the licence is
// also embedded (License). One row per authority, 156 rows, including
// authorities that no longer exist.
//
// # Merged and renamed authorities
//
// An authority that no longer exists keeps its own codes: a letter is
// joined to the statistics of the authority it was written to. Its ONS
// code is the one it had (the file's ltla23_ons column, since la_code_new
// is empty for them), and Successors says which authorities took over:
// Cumbria (909) became Cumberland (942) and Westmorland and Furness (943)
// in April 2023; Northamptonshire (928) became North Northamptonshire
// (940) and West Northamptonshire (941) in April 2021 (its children's
// services run by Northamptonshire Children's Trust for both); Poole (836)
// and Bournemouth joined Christchurch in Bournemouth, Christchurch and
// Poole (839) in April 2019. Bournemouth's own code (837) is not in the
// file, which lists "Bournemouth" as another name of Bournemouth,
// Christchurch and Poole: a letter to Bournemouth takes that authority's
// codes.
package authority
