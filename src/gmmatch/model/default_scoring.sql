-- gmmatch scoring SQL, key 2e1f7089dc6b5e96ef977c7fff39e8d33c5239f38acb7ed6fca4da15d3e49ae7, written by splink 5.0.0, sqlglot 30.31.0
WITH

__splink__blocked_id_pairs as (
    SELECT '0' AS match_key, 'records-__-' || id_l AS join_key_l,
                                        'list-__-' || id_r AS join_key_r
                                 FROM pass_pairs
), 

blocked_with_cols as (
    select
    "l"."source_dataset" AS "source_dataset_l",
    "r"."source_dataset" AS "source_dataset_r",
    "l"."unique_id" AS "unique_id_l",
    "r"."unique_id" AS "unique_id_r",
    "l"."names" AS "names_l",
    "r"."names" AS "names_r",
    "l"."rare_tokens" AS "rare_tokens_l",
    "r"."rare_tokens" AS "rare_tokens_r",
    "l"."tokens" AS "tokens_l",
    "r"."tokens" AS "tokens_r",
    "l"."entity_type" AS "entity_type_l",
    "r"."entity_type" AS "entity_type_r",
    "l"."rare_pairs" AS "rare_pairs_l",
    "r"."rare_pairs" AS "rare_pairs_r",
    "l"."keys" AS "keys_l",
    "r"."keys" AS "keys_r",
    "l"."initials" AS "initials_l",
    "r"."initials" AS "initials_r",
    "l"."plain_tokens" AS "plain_tokens_l",
    "r"."plain_tokens" AS "plain_tokens_r",
    "l"."long_key_tokens" AS "long_key_tokens_l",
    "r"."long_key_tokens" AS "long_key_tokens_r",
    "l"."key_tokens" AS "key_tokens_l",
    "r"."key_tokens" AS "key_tokens_r",
    "l"."key_subsets" AS "key_subsets_l",
    "r"."key_subsets" AS "key_subsets_r",
    "l"."has_readings" AS "has_readings_l",
    "r"."has_readings" AS "has_readings_r",
    "l"."variant_pairs" AS "variant_pairs_l",
    "r"."variant_pairs" AS "variant_pairs_r",
    "l"."unknown_tokens" AS "unknown_tokens_l",
    "r"."unknown_tokens" AS "unknown_tokens_r",
    "l"."skeletons" AS "skeletons_l",
    "r"."skeletons" AS "skeletons_r",
    "l"."abjad_names" AS "abjad_names_l",
    "r"."abjad_names" AS "abjad_names_r",
    "l"."weak_names" AS "weak_names_l",
    "r"."weak_names" AS "weak_names_r",
    "l"."dob_years" AS "dob_years_l",
    "r"."dob_years" AS "dob_years_r",
    "l"."dob_full" AS "dob_full_l",
    "r"."dob_full" AS "dob_full_r",
    "l"."dob_new_year" AS "dob_new_year_l",
    "r"."dob_new_year" AS "dob_new_year_r",
    "l"."dob_swapped" AS "dob_swapped_l",
    "r"."dob_swapped" AS "dob_swapped_r",
    "l"."dob_month" AS "dob_month_l",
    "r"."dob_month" AS "dob_month_r",
    "l"."dob_partial" AS "dob_partial_l",
    "r"."dob_partial" AS "dob_partial_r",
    "l"."dob_day_month" AS "dob_day_month_l",
    "r"."dob_day_month" AS "dob_day_month_r",
    "l"."dob_near" AS "dob_near_l",
    "r"."dob_near" AS "dob_near_r",
    "l"."countries" AS "countries_l",
    "r"."countries" AS "countries_r",
    "l"."nationalities" AS "nationalities_l",
    "r"."nationalities" AS "nationalities_r",
    "l"."gender" AS "gender_l",
    "r"."gender" AS "gender_r",
    "l"."legal_forms" AS "legal_forms_l",
    "r"."legal_forms" AS "legal_forms_r",
    b.match_key
    from __splink__blocked_id_pairs as b
    inner join pass_records as l
    on l."source_dataset" || '-__-' || l."unique_id" = b.join_key_l
    inner join pass_list as r
    on r."source_dataset" || '-__-' || r."unique_id" = b.join_key_r
), 

__splink__df_comparison_vectors as (
    select
    "source_dataset_l",
    "source_dataset_r",
    "unique_id_l",
    "unique_id_r",
    CASE
        WHEN len(names_l) = 0 OR len(names_r) = 0 THEN -1
        WHEN (len(names_r) >= 1 AND len(list_filter(names_l, lambda v: list_contains(names_r, v))) >= 1) AND (((len(rare_tokens_r) >= 1 AND len(list_filter(rare_tokens_l, lambda v: list_contains(rare_tokens_r, v))) >= 1) OR (coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person' AND (len(rare_pairs_r) >= 1 AND len(list_filter(rare_pairs_l, lambda v: list_contains(rare_pairs_r, v))) >= 1))) OR (coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND (len(tokens_r) >= 3 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 3))) THEN 20
        WHEN (len(names_r) >= 1 AND len(list_filter(names_l, lambda v: list_contains(names_r, v))) >= 1) THEN 19
        WHEN (len(keys_r) >= 1 AND len(list_filter(keys_l, lambda v: list_contains(keys_r, v))) >= 1) AND (((len(rare_tokens_r) >= 1 AND len(list_filter(rare_tokens_l, lambda v: list_contains(rare_tokens_r, v))) >= 1) OR (coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person' AND (len(rare_pairs_r) >= 1 AND len(list_filter(rare_pairs_l, lambda v: list_contains(rare_pairs_r, v))) >= 1))) OR (coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND (len(tokens_r) >= 3 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 3))) AND (len(initials_l) = 0 OR NOT coalesce(coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person', false) OR (len(initials_l) = 0 OR list_bool_and(list_transform([list_filter(plain_tokens_r, lambda t: len(t) > 1 AND NOT list_contains(plain_tokens_l, t))], lambda spelt: len(spelt) = 0 OR list_bool_and(list_transform(initials_l, lambda i: list_contains(plain_tokens_r, i) OR list_bool_or(list_transform(spelt, lambda t: left(t, 1) = i)))))))) THEN 18
        WHEN coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND len(names_l) > 0 AND len(names_r) > 0 AND list_bool_or(list_transform(names_l, lambda a: len(list_filter(list_filter(list_filter(list_filter(list_filter(names_r, lambda b: least(len(a), len(b)) >= 12 AND abs(len(a) - len(b)) <= CASE WHEN len(a) >= 16 AND len(b) >= 16 THEN 2 ELSE 1 END), lambda b: CASE WHEN CASE WHEN len(a) >= 16 AND len(b) >= 16 THEN 2 ELSE 1 END = 1 THEN left(a, 5) = left(b, 5) OR right(a, 5) = right(b, 5) ELSE left(a, 4) = left(b, 4) OR right(a, 4) = right(b, 4) OR contains(b, substring(a, 7, 4)) END), lambda b: levenshtein(a, b) <= 2 * (CASE WHEN len(a) >= 16 AND len(b) >= 16 THEN 2 ELSE 1 END)), lambda b: damerau_levenshtein(a, b) <= CASE WHEN len(a) >= 16 AND len(b) >= 16 THEN 2 ELSE 1 END AND list_filter(string_split(a, ' '), lambda w: regexp_matches(w, '[0-9]')) = list_filter(string_split(b, ' '), lambda w: regexp_matches(w, '[0-9]'))), lambda b: list_bool_and(list_transform(string_split(a, ' '), lambda w: len(w) >= 5 OR list_contains(string_split(b, ' '), w))) AND list_bool_and(list_transform(string_split(b, ' '), lambda w: len(w) >= 5 OR list_contains(string_split(a, ' '), w))))) > 0)) THEN 17
        WHEN (len(keys_r) >= 1 AND len(list_filter(keys_l, lambda v: list_contains(keys_r, v))) >= 1) AND (len(initials_l) = 0 OR NOT coalesce(coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person', false) OR (len(initials_l) = 0 OR list_bool_and(list_transform([list_filter(plain_tokens_r, lambda t: len(t) > 1 AND NOT list_contains(plain_tokens_l, t))], lambda spelt: len(spelt) = 0 OR list_bool_and(list_transform(initials_l, lambda i: list_contains(plain_tokens_r, i) OR list_bool_or(list_transform(spelt, lambda t: left(t, 1) = i)))))))) THEN 16
        WHEN coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND len(names_l) > 0 AND len(names_r) > 0 AND list_bool_or(list_transform(names_l, lambda a: len(list_filter(list_filter(list_filter(list_filter(names_r, lambda b: least(len(a), len(b)) >= 12 AND abs(len(a) - len(b)) <= CASE WHEN len(a) >= 24 AND len(b) >= 24 THEN 2 ELSE 1 END), lambda b: CASE WHEN CASE WHEN len(a) >= 24 AND len(b) >= 24 THEN 2 ELSE 1 END = 1 THEN left(a, 5) = left(b, 5) OR right(a, 5) = right(b, 5) ELSE left(a, 4) = left(b, 4) OR right(a, 4) = right(b, 4) OR contains(b, substring(a, 7, 4)) END), lambda b: levenshtein(a, b) <= 2 * (CASE WHEN len(a) >= 24 AND len(b) >= 24 THEN 2 ELSE 1 END)), lambda b: damerau_levenshtein(a, b) <= CASE WHEN len(a) >= 24 AND len(b) >= 24 THEN 2 ELSE 1 END AND list_filter(string_split(a, ' '), lambda w: regexp_matches(w, '[0-9]')) = list_filter(string_split(b, ' '), lambda w: regexp_matches(w, '[0-9]')))) > 0)) THEN 15
        WHEN coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND len(names_l) > 0 AND len(names_r) > 0 AND list_bool_or(list_transform(names_l, lambda a: len(list_filter(list_filter(list_filter(list_filter(names_r, lambda b: least(len(a), len(b)) BETWEEN 7 AND 11 AND abs(len(a) - len(b)) <= 1), lambda b: levenshtein(a, b) <= 2 * (1)), lambda b: damerau_levenshtein(a, b) <= 1 AND list_filter(string_split(a, ' '), lambda w: regexp_matches(w, '[0-9]')) = list_filter(string_split(b, ' '), lambda w: regexp_matches(w, '[0-9]'))), lambda b: list_bool_and(list_transform(string_split(a, ' '), lambda w: len(w) >= 5 OR list_contains(string_split(b, ' '), w))) AND list_bool_and(list_transform(string_split(b, ' '), lambda w: len(w) >= 5 OR list_contains(string_split(a, ' '), w))))) > 0)) THEN 14
        WHEN ((len(rare_tokens_r) >= 1 AND len(list_filter(rare_tokens_l, lambda v: list_contains(rare_tokens_r, v))) >= 1) OR (coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person' AND (len(rare_pairs_r) >= 1 AND len(list_filter(rare_pairs_l, lambda v: list_contains(rare_pairs_r, v))) >= 1))) AND ((len(key_subsets_r) >= 1 AND len(list_filter(keys_l, lambda v: list_contains(key_subsets_r, v))) >= 1) OR (len(key_subsets_l) >= 1 AND len(list_filter(keys_r, lambda v: list_contains(key_subsets_l, v))) >= 1) OR (len(long_key_tokens_r) > 0 AND len(key_tokens_l) > 0 AND list_bool_or(list_transform(long_key_tokens_r, lambda b: list_bool_or(list_transform(key_tokens_l, lambda a: len(a) >= 2 AND (len(a) <= len(b) AND len(list_filter(a, lambda v: NOT list_contains(b, v))) = 0)))))) OR (len(long_key_tokens_l) > 0 AND len(key_tokens_r) > 0 AND list_bool_or(list_transform(long_key_tokens_l, lambda b: list_bool_or(list_transform(key_tokens_r, lambda a: len(a) >= 2 AND (len(a) <= len(b) AND len(list_filter(a, lambda v: NOT list_contains(b, v))) = 0))))))) AND (len(initials_l) = 0 OR NOT coalesce(coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person', false) OR (len(initials_l) = 0 OR list_bool_and(list_transform([list_filter(plain_tokens_r, lambda t: len(t) > 1 AND NOT list_contains(plain_tokens_l, t))], lambda spelt: len(spelt) = 0 OR list_bool_and(list_transform(initials_l, lambda i: list_contains(plain_tokens_r, i) OR list_bool_or(list_transform(spelt, lambda t: left(t, 1) = i)))))))) THEN 13
        WHEN (coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND (len(tokens_r) >= 3 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 3)) AND ((len(key_subsets_r) >= 1 AND len(list_filter(keys_l, lambda v: list_contains(key_subsets_r, v))) >= 1) OR (len(key_subsets_l) >= 1 AND len(list_filter(keys_r, lambda v: list_contains(key_subsets_l, v))) >= 1) OR (len(long_key_tokens_r) > 0 AND len(key_tokens_l) > 0 AND list_bool_or(list_transform(long_key_tokens_r, lambda b: list_bool_or(list_transform(key_tokens_l, lambda a: len(a) >= 2 AND (len(a) <= len(b) AND len(list_filter(a, lambda v: NOT list_contains(b, v))) = 0)))))) OR (len(long_key_tokens_l) > 0 AND len(key_tokens_r) > 0 AND list_bool_or(list_transform(long_key_tokens_l, lambda b: list_bool_or(list_transform(key_tokens_r, lambda a: len(a) >= 2 AND (len(a) <= len(b) AND len(list_filter(a, lambda v: NOT list_contains(b, v))) = 0))))))) THEN 12
        WHEN NOT (((len(rare_tokens_r) >= 1 AND len(list_filter(rare_tokens_l, lambda v: list_contains(rare_tokens_r, v))) >= 1) OR (coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person' AND (len(rare_pairs_r) >= 1 AND len(list_filter(rare_pairs_l, lambda v: list_contains(rare_pairs_r, v))) >= 1))) OR (coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND (len(tokens_r) >= 3 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 3))) AND ((len(key_subsets_r) >= 1 AND len(list_filter(keys_l, lambda v: list_contains(key_subsets_r, v))) >= 1) OR (len(key_subsets_l) >= 1 AND len(list_filter(keys_r, lambda v: list_contains(key_subsets_l, v))) >= 1) OR (len(long_key_tokens_r) > 0 AND len(key_tokens_l) > 0 AND list_bool_or(list_transform(long_key_tokens_r, lambda b: list_bool_or(list_transform(key_tokens_l, lambda a: len(a) >= 2 AND (len(a) <= len(b) AND len(list_filter(a, lambda v: NOT list_contains(b, v))) = 0)))))) OR (len(long_key_tokens_l) > 0 AND len(key_tokens_r) > 0 AND list_bool_or(list_transform(long_key_tokens_l, lambda b: list_bool_or(list_transform(key_tokens_r, lambda a: len(a) >= 2 AND (len(a) <= len(b) AND len(list_filter(a, lambda v: NOT list_contains(b, v))) = 0))))))) AND (len(initials_l) = 0 OR NOT coalesce(coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person', false) OR (len(initials_l) = 0 OR list_bool_and(list_transform([list_filter(plain_tokens_r, lambda t: len(t) > 1 AND NOT list_contains(plain_tokens_l, t))], lambda spelt: len(spelt) = 0 OR list_bool_and(list_transform(initials_l, lambda i: list_contains(plain_tokens_r, i) OR list_bool_or(list_transform(spelt, lambda t: left(t, 1) = i)))))))) THEN 11
        WHEN coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND (len(rare_tokens_r) >= 1 AND len(list_filter(rare_tokens_l, lambda v: list_contains(rare_tokens_r, v))) >= 1) AND ((len(key_subsets_r) >= 1 AND len(list_filter(keys_l, lambda v: list_contains(key_subsets_r, v))) >= 1) OR (len(key_subsets_l) >= 1 AND len(list_filter(keys_r, lambda v: list_contains(key_subsets_l, v))) >= 1) OR (len(tokens_r) >= 1 AND len(list_filter(keys_l, lambda v: list_contains(tokens_r, v))) >= 1) OR (len(tokens_l) >= 1 AND len(list_filter(keys_r, lambda v: list_contains(tokens_l, v))) >= 1) OR (len(long_key_tokens_r) > 0 AND len(key_tokens_l) > 0 AND list_bool_or(list_transform(long_key_tokens_r, lambda b: list_bool_or(list_transform(key_tokens_l, lambda a: len(a) >= 1 AND (len(a) <= len(b) AND len(list_filter(a, lambda v: NOT list_contains(b, v))) = 0)))))) OR (len(long_key_tokens_l) > 0 AND len(key_tokens_r) > 0 AND list_bool_or(list_transform(long_key_tokens_l, lambda b: list_bool_or(list_transform(key_tokens_r, lambda a: len(a) >= 1 AND (len(a) <= len(b) AND len(list_filter(a, lambda v: NOT list_contains(b, v))) = 0))))))) THEN 10
        WHEN ((((len(rare_tokens_r) >= 1 AND len(list_filter(rare_tokens_l, lambda v: list_contains(rare_tokens_r, v))) >= 1) OR (coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person' AND (len(rare_pairs_r) >= 1 AND len(list_filter(rare_pairs_l, lambda v: list_contains(rare_pairs_r, v))) >= 1))) OR (coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND (len(tokens_r) >= 3 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 3))) OR (coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND len(unknown_tokens_l) + len(unknown_tokens_r) > 0 AND list_bool_or(list_transform(key_tokens_l, lambda a: len(a) >= 3 AND list_bool_or(list_transform(key_tokens_r, lambda b: len(b) = len(a) AND ((len(a) <= len(b) AND len(list_filter(a, lambda v: NOT list_contains(b, v))) = 0) OR (list_bool_and(list_transform(list_filter(a, lambda x: NOT list_contains(b, x)), lambda x: len(x) >= 5)) AND list_bool_and(list_transform([list_filter(b, lambda y: len(y) >= 5 AND NOT list_contains(a, y))], lambda spare: list_bool_and(list_transform(list_filter(a, lambda x: NOT list_contains(b, x)), lambda x: len(list_filter(list_filter(list_filter(list_filter(spare, lambda y: abs(len(x) - len(y)) <= 2), lambda y: levenshtein(x, y) <= 2 * (CASE WHEN len(x) >= 9 AND len(y) >= 9 THEN 2 ELSE 1 END)), lambda y: damerau_levenshtein(x, y) <= CASE WHEN len(x) >= 9 AND len(y) >= 9 THEN 2 ELSE 1 END AND NOT regexp_matches(x || y, '[0-9]')), lambda y: NOT (NOT list_contains(unknown_tokens_l, x) AND NOT list_contains(unknown_tokens_r, y)))) > 0)))))))))))) AND (_gm_approximate(entity_type_l, entity_type_r, names_l, names_r, key_tokens_l, key_tokens_r, has_readings_l, has_readings_r, tokens_l, tokens_r, plain_tokens_l, plain_tokens_r, rare_tokens_l, rare_tokens_r, unknown_tokens_l, unknown_tokens_r, variant_pairs_l, variant_pairs_r)) AND (len(initials_l) = 0 OR NOT coalesce(coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person', false) OR (len(initials_l) = 0 OR list_bool_and(list_transform([list_filter(plain_tokens_r, lambda t: len(t) > 1 AND NOT list_contains(plain_tokens_l, t))], lambda spelt: len(spelt) = 0 OR list_bool_and(list_transform(initials_l, lambda i: list_contains(plain_tokens_r, i) OR list_bool_or(list_transform(spelt, lambda t: left(t, 1) = i)))))))) THEN 9
        WHEN NOT (((len(rare_tokens_r) >= 1 AND len(list_filter(rare_tokens_l, lambda v: list_contains(rare_tokens_r, v))) >= 1) OR (coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person' AND (len(rare_pairs_r) >= 1 AND len(list_filter(rare_pairs_l, lambda v: list_contains(rare_pairs_r, v))) >= 1))) OR (coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND (len(tokens_r) >= 3 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 3))) AND _gm_approximate(entity_type_l, entity_type_r, names_l, names_r, key_tokens_l, key_tokens_r, has_readings_l, has_readings_r, tokens_l, tokens_r, plain_tokens_l, plain_tokens_r, rare_tokens_l, rare_tokens_r, unknown_tokens_l, unknown_tokens_r, variant_pairs_l, variant_pairs_r) AND (len(initials_l) = 0 OR NOT coalesce(coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person', false) OR (len(initials_l) = 0 OR list_bool_and(list_transform([list_filter(plain_tokens_r, lambda t: len(t) > 1 AND NOT list_contains(plain_tokens_l, t))], lambda spelt: len(spelt) = 0 OR list_bool_and(list_transform(initials_l, lambda i: list_contains(plain_tokens_r, i) OR list_bool_or(list_transform(spelt, lambda t: left(t, 1) = i)))))))) THEN 8
        WHEN (len(abjad_names_l) > 0 AND len(skeletons_r) > 0 AND list_bool_or(list_transform(abjad_names_l, lambda n: len(n) >= 2 AND list_bool_or(list_transform(skeletons_r, lambda s: len(s) <= len(n) AND list_bool_and(list_transform(n, lambda t: list_bool_or(list_transform(s, lambda p: (len(string_split(p, ' ')) >= 1 AND len(list_filter(t, lambda v: list_contains(string_split(p, ' '), v))) >= 1)))))))))) OR (len(abjad_names_r) > 0 AND len(skeletons_l) > 0 AND list_bool_or(list_transform(abjad_names_r, lambda n: len(n) >= 2 AND list_bool_or(list_transform(skeletons_l, lambda s: len(s) <= len(n) AND list_bool_and(list_transform(n, lambda t: list_bool_or(list_transform(s, lambda p: (len(string_split(p, ' ')) >= 1 AND len(list_filter(t, lambda v: list_contains(string_split(p, ' '), v))) >= 1)))))))))) THEN 7
        WHEN (len(abjad_names_l) > 0 AND len(skeletons_r) > 0 AND list_bool_or(list_transform(abjad_names_l, lambda n: len(n) >= 2 AND list_bool_or(list_transform(skeletons_r, lambda s: list_bool_and(list_transform(n, lambda t: list_bool_or(list_transform(s, lambda p: (len(string_split(p, ' ')) >= 1 AND len(list_filter(t, lambda v: list_contains(string_split(p, ' '), v))) >= 1)))))))))) OR (len(abjad_names_r) > 0 AND len(skeletons_l) > 0 AND list_bool_or(list_transform(abjad_names_r, lambda n: len(n) >= 2 AND list_bool_or(list_transform(skeletons_l, lambda s: list_bool_and(list_transform(n, lambda t: list_bool_or(list_transform(s, lambda p: (len(string_split(p, ' ')) >= 1 AND len(list_filter(t, lambda v: list_contains(string_split(p, ' '), v))) >= 1)))))))))) THEN 6
        WHEN (len(weak_names_l) > 0 OR len(weak_names_r) > 0) AND (((len(names_r) >= 1 AND len(list_filter(weak_names_l, lambda v: list_contains(names_r, v))) >= 1) OR (len(weak_names_r) >= 1 AND len(list_filter(names_l, lambda v: list_contains(weak_names_r, v))) >= 1)) OR (len(weak_names_r) >= 1 AND len(list_filter(weak_names_l, lambda v: list_contains(weak_names_r, v))) >= 1)) THEN 5
        WHEN (((len(rare_tokens_r) >= 1 AND len(list_filter(rare_tokens_l, lambda v: list_contains(rare_tokens_r, v))) >= 1) OR (coalesce(entity_type_l, entity_type_r) = 'person' AND coalesce(entity_type_r, entity_type_l) = 'person' AND (len(rare_pairs_r) >= 1 AND len(list_filter(rare_pairs_l, lambda v: list_contains(rare_pairs_r, v))) >= 1))) OR (coalesce(entity_type_l, entity_type_r) = 'organization' AND coalesce(entity_type_r, entity_type_l) = 'organization' AND (len(tokens_r) >= 3 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 3))) AND (len(tokens_r) >= 2 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 2) THEN 4
        WHEN (len(tokens_r) >= 2 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 2) THEN 3
        WHEN (len(rare_tokens_r) >= 1 AND len(list_filter(rare_tokens_l, lambda v: list_contains(rare_tokens_r, v))) >= 1) THEN 2
        WHEN (len(tokens_r) >= 1 AND len(list_filter(tokens_l, lambda v: list_contains(tokens_r, v))) >= 1) THEN 1
        ELSE 0
    END as gamma_name,
    CASE
        WHEN len(dob_years_l) = 0 OR len(dob_years_r) = 0 THEN -1
        WHEN (len(dob_full_r) >= 1 AND len(list_filter(dob_full_l, lambda v: list_contains(dob_full_r, v))) >= 1) THEN 10
        WHEN (len(dob_new_year_r) >= 1 AND len(list_filter(dob_new_year_l, lambda v: list_contains(dob_new_year_r, v))) >= 1) THEN 9
        WHEN ((len(dob_swapped_r) >= 1 AND len(list_filter(dob_full_l, lambda v: list_contains(dob_swapped_r, v))) >= 1) OR (len(dob_full_r) >= 1 AND len(list_filter(dob_swapped_l, lambda v: list_contains(dob_full_r, v))) >= 1)) THEN 8
        WHEN (len(dob_month_r) >= 1 AND len(list_filter(dob_month_l, lambda v: list_contains(dob_month_r, v))) >= 1) THEN 7
        WHEN (len(dob_years_r) >= 1 AND len(list_filter(dob_years_l, lambda v: list_contains(dob_years_r, v))) >= 1) AND (dob_partial_l OR dob_partial_r) THEN 6
        WHEN (len(dob_years_r) >= 1 AND len(list_filter(dob_years_l, lambda v: list_contains(dob_years_r, v))) >= 1) THEN 5
        WHEN ((len(dob_near_r) >= 1 AND len(list_filter(dob_years_l, lambda v: list_contains(dob_near_r, v))) >= 1) OR (len(dob_years_r) >= 1 AND len(list_filter(dob_near_l, lambda v: list_contains(dob_years_r, v))) >= 1)) AND (len(dob_day_month_r) >= 1 AND len(list_filter(dob_day_month_l, lambda v: list_contains(dob_day_month_r, v))) >= 1) THEN 4
        WHEN ((len(dob_near_r) >= 1 AND len(list_filter(dob_years_l, lambda v: list_contains(dob_near_r, v))) >= 1) OR (len(dob_years_r) >= 1 AND len(list_filter(dob_near_l, lambda v: list_contains(dob_years_r, v))) >= 1)) AND (len(dob_day_month_l) = 0 OR len(dob_day_month_r) = 0) THEN 3
        WHEN ((len(dob_near_r) >= 1 AND len(list_filter(dob_years_l, lambda v: list_contains(dob_near_r, v))) >= 1) OR (len(dob_years_r) >= 1 AND len(list_filter(dob_near_l, lambda v: list_contains(dob_years_r, v))) >= 1)) THEN 2
        WHEN len(dob_years_r) > 0 AND list_bool_or(list_transform(dob_years_l, lambda y: list_bool_or(list_transform(dob_years_r, lambda z: abs(y - z) <= 10)))) THEN 1
        ELSE 0
    END as gamma_dob,
    CASE
        WHEN len(countries_l) = 0 OR len(countries_r) = 0 THEN -1
        WHEN (len(nationalities_r) >= 1 AND len(list_filter(nationalities_l, lambda v: list_contains(nationalities_r, v))) >= 1) THEN 3
        WHEN (len(countries_r) >= 1 AND len(list_filter(countries_l, lambda v: list_contains(countries_r, v))) >= 1) THEN 2
        WHEN len(nationalities_l) > 0 AND len(nationalities_r) > 0 THEN 1
        ELSE 0
    END as gamma_country,
    CASE
        WHEN gender_l IS NULL OR gender_r IS NULL THEN -1
        WHEN gender_l = gender_r THEN 1
        ELSE 0
    END as gamma_gender,
    CASE
        WHEN entity_type_l IS NULL OR entity_type_r IS NULL THEN -1
        WHEN entity_type_l = entity_type_r THEN 1
        ELSE 0
    END as gamma_entity_type,
    CASE
        WHEN len(legal_forms_l) = 0 OR len(legal_forms_r) = 0 THEN -1
        WHEN (len(legal_forms_r) >= 1 AND len(list_filter(legal_forms_l, lambda v: list_contains(legal_forms_r, v))) >= 1) THEN 1
        ELSE 0
    END as gamma_legal_form,
    match_key
    from blocked_with_cols
), 

__splink__df_match_weight_parts as (
    select
    "source_dataset_l",
    "source_dataset_r",
    "unique_id_l",
    "unique_id_r",
    gamma_name,
    CASE
        WHEN gamma_name = -1 THEN
            cast(0.0 as float8)
        WHEN gamma_name = 20 THEN
            cast(18.257452578288234 as float8)
        WHEN gamma_name = 19 THEN
            cast(17.473040310849193 as float8)
        WHEN gamma_name = 18 THEN
            cast(17.40291824368129 as float8)
        WHEN gamma_name = 17 THEN
            cast(16.116487463678144 as float8)
        WHEN gamma_name = 16 THEN
            cast(13.886557794227526 as float8)
        WHEN gamma_name = 15 THEN
            cast(14.393656528066176 as float8)
        WHEN gamma_name = 14 THEN
            cast(16.853088146703474 as float8)
        WHEN gamma_name = 13 THEN
            cast(14.9273058267627 as float8)
        WHEN gamma_name = 12 THEN
            cast(12.084881831308799 as float8)
        WHEN gamma_name = 11 THEN
            cast(10.29782399677541 as float8)
        WHEN gamma_name = 10 THEN
            cast(11.342153234421104 as float8)
        WHEN gamma_name = 9 THEN
            cast(16.33322862888409 as float8)
        WHEN gamma_name = 8 THEN
            cast(10.798798583975008 as float8)
        WHEN gamma_name = 7 THEN
            cast(16.751851299912666 as float8)
        WHEN gamma_name = 6 THEN
            cast(10.699283249108515 as float8)
        WHEN gamma_name = 5 THEN
            cast(11.820311334697674 as float8)
        WHEN gamma_name = 4 THEN
            cast(7.983046311172429 as float8)
        WHEN gamma_name = 3 THEN
            cast(4.485633643964707 as float8)
        WHEN gamma_name = 2 THEN
            cast(8.188527182902375 as float8)
        WHEN gamma_name = 1 THEN
            cast(1.7102177555204923 as float8)
        WHEN gamma_name = 0 THEN
            cast(-4.094186652783504 as float8)
    END as mw_name,
    gamma_dob,
    CASE
        WHEN gamma_dob = -1 THEN
            cast(0.0 as float8)
        WHEN gamma_dob = 10 THEN
            cast(13.41132797557411 as float8)
        WHEN gamma_dob = 9 THEN
            cast(10.857526406339415 as float8)
        WHEN gamma_dob = 8 THEN
            cast(7.642513515368565 as float8)
        WHEN gamma_dob = 7 THEN
            cast(2.29083807708715 as float8)
        WHEN gamma_dob = 6 THEN
            cast(5.179230590358346 as float8)
        WHEN gamma_dob = 5 THEN
            cast(-1.1515557159388148 as float8)
        WHEN gamma_dob = 4 THEN
            cast(5.666761061615242 as float8)
        WHEN gamma_dob = 3 THEN
            cast(-0.18685405106949418 as float8)
        WHEN gamma_dob = 2 THEN
            cast(-2.7880087300261605 as float8)
        WHEN gamma_dob = 1 THEN
            cast(-3.862453498197322 as float8)
        WHEN gamma_dob = 0 THEN
            cast(-6.276646526871419 as float8)
    END as mw_dob,
    gamma_country,
    CASE
        WHEN gamma_country = -1 THEN
            cast(0.0 as float8)
        WHEN gamma_country = 3 THEN
            cast(3.3270912142577016 as float8)
        WHEN gamma_country = 2 THEN
            cast(2.8010043227241295 as float8)
        WHEN gamma_country = 1 THEN
            cast(-6.760268686609197 as float8)
        WHEN gamma_country = 0 THEN
            cast(-3.2410201454634193 as float8)
    END as mw_country,
    gamma_gender,
    CASE
        WHEN gamma_gender = -1 THEN
            cast(0.0 as float8)
        WHEN gamma_gender = 1 THEN
            cast(0.34642925782593886 as float8)
        WHEN gamma_gender = 0 THEN
            cast(-5.4493739257712654 as float8)
    END as mw_gender,
    gamma_entity_type,
    CASE
        WHEN gamma_entity_type = -1 THEN
            cast(0.0 as float8)
        WHEN gamma_entity_type = 1 THEN
            cast(1.226236878962212 as float8)
        WHEN gamma_entity_type = 0 THEN
            cast(-6.851921648725129 as float8)
    END as mw_entity_type,
    gamma_legal_form,
    CASE
        WHEN gamma_legal_form = -1 THEN
            cast(0.0 as float8)
        WHEN gamma_legal_form = 1 THEN
            cast(0.5863757483608594 as float8)
        WHEN gamma_legal_form = 0 THEN
            cast(-4.981926979550119 as float8)
    END as mw_legal_form,
    match_key
    from __splink__df_comparison_vectors
)
select
cast(-16.199999999999662 as float8) + mw_name + mw_dob + mw_country + mw_gender + mw_entity_type + mw_legal_form as match_weight,
CASE
        WHEN (cast(-16.199999999999662 as float8) + mw_name + mw_dob + mw_country + mw_gender + mw_entity_type + mw_legal_form) >= 0 THEN
            1.0 / (1.0 + POWER(cast(2 as float8), -(cast(-16.199999999999662 as float8) + mw_name + mw_dob + mw_country + mw_gender + mw_entity_type + mw_legal_form)))
        ELSE
            POWER(cast(2 as float8), (cast(-16.199999999999662 as float8) + mw_name + mw_dob + mw_country + mw_gender + mw_entity_type + mw_legal_form)) /
            (1.0 + POWER(cast(2 as float8), (cast(-16.199999999999662 as float8) + mw_name + mw_dob + mw_country + mw_gender + mw_entity_type + mw_legal_form)))
    END as match_probability,
"source_dataset_l",
"source_dataset_r",
"unique_id_l",
"unique_id_r",
mw_name,
mw_dob,
mw_country,
mw_gender,
mw_entity_type,
mw_legal_form,
match_key
from __splink__df_match_weight_parts