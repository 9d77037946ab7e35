"""The statements of the hot paths, their SQL built by the ORM once per process and database, then run with each
request's values: the reads of a report save (its task, unit and locked versions, the bearer key) and its writes (the
row, its history record, its search entry); the reads of every signed-in page (its user) and of the dashboards.

Building a select_related query's SQL (joins, column lists, converters) costs the ORM more CPU than the database
spends running it: about a third of a report save's CPU went there, and as much again to the save's INSERTs and
UPDATEs and django-simple-history's record (bench/request_bench.py --profile). A `Prepared` is written as an ordinary
queryset; it is built once with placeholder values, and each call runs the same SQL with the caller's values through
Django's cursor (so the statement is counted, logged and wrapped like any other) and makes the objects as the ORM
would (the same select_related objects, the same converters). `save`, `record` and `upsert` write what Model.save(),
django-simple-history and bulk_create(update_conflicts=True) would (tests/tracking/test_fast_write.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connections
from django.db.models.constants import OnConflict
from django.db.models.query import QuerySet, get_related_populators
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from simple_history.signals import post_create_historical_record, pre_create_historical_record


def _placeholder(kind: type, i: int):
    if kind is int:
        # within every integer column's range (a year's small integer too): the ORM leaves out a comparison with a
        # value the column cannot hold
        return 32_000 + i
    if kind is str:
        return f"\x1fplaceholder {i}\x1f"
    raise TypeError(f"a placeholder is an int or a str, not {kind.__name__}")


@dataclass
class _Built:
    sql: str
    slots: list  # each parameter: a value name of the call, or (None, the constant the ORM put there)
    converters: list  # (position, converters, expression), as the ORM's compiler applies them
    model: type
    init_list: list
    start: int
    end: int
    populators: list
    annotations: dict
    for_update: bool


def _converters(compiler) -> list:
    """(position, converters, expression) of each column that has some, as the ORM's compiler applies them."""
    fields = [s[0] for s in compiler.select[0:compiler.col_count]]
    return [(pos, convs, expression) for pos, (convs, expression) in compiler.get_converters(fields).items()]


def _convert(row, converters, connection) -> list:
    row = list(row)
    for pos, convs, expression in converters:
        value = row[pos]
        for converter in convs:
            value = converter(value, expression, connection)
        row[pos] = value
    return row


class Prepared:
    """A queryset `build(**values)` whose SQL is built once per database: `values` name the caller's values and
    their types (int or str), each used in an exact comparison (`pk=task`), which the ORM passes as a parameter."""

    def __init__(self, build: Callable[..., QuerySet], **values: type):
        self.build, self.values = build, values
        self._built: dict[tuple[str, str], _Built] = {}

    def _compile(self, alias: str, connection) -> _Built:
        placeholders = {name: _placeholder(kind, i) for i, (name, kind) in enumerate(self.values.items())}
        queryset = self.build(**placeholders)
        compiler = queryset.query.get_compiler(using=alias, connection=connection)
        sql, params = compiler.as_sql()
        by_value = {value: name for name, value in placeholders.items()}
        slots = [by_value[p] if isinstance(p, (int, str)) and p in by_value else (None, p) for p in params]
        missing = set(placeholders) - {s for s in slots if isinstance(s, str)}
        stray = [p for p in params if isinstance(p, str) and p not in by_value and "\x1fplaceholder" in p]
        if missing or stray:
            raise ValueError(f"values not passed as parameters of their own: {sorted(missing) or stray}")
        select, klass_info = compiler.select, compiler.klass_info
        converters = _converters(compiler)
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        return _Built(sql=sql, slots=slots, converters=converters, model=klass_info["model"],
                      init_list=[f[0].target.attname for f in select[start:end]], start=start, end=end,
                      populators=get_related_populators(klass_info, select, alias),
                      annotations=dict(compiler.annotation_col_map or {}),
                      for_update=bool(queryset.query.select_for_update and connection.features.has_select_for_update))

    def all(self, using: str = "default", **values) -> list:
        for name, kind in self.values.items():
            if type(values[name]) is not kind:
                raise TypeError(f"{name}: expected {kind.__name__}, got {type(values[name]).__name__}")
            if kind is int and not -2**63 <= values[name] < 2**63:
                return []  # no row has such an id (the ORM answers the same, without asking the database)
        connection = connections[using]
        key = (using, connection.vendor)
        built = self._built.get(key)
        if built is None:  # two threads building at once build the same thing
            built = self._built[key] = self._compile(using, connection)
        if built.for_update and connection.get_autocommit():
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        params = [values[s] if isinstance(s, str) else s[1] for s in built.slots]
        with connection.cursor() as cursor:
            cursor.execute(built.sql, params)
            rows = cursor.fetchall()
        objects = []
        for row in rows:
            if built.converters:
                row = _convert(row, built.converters, connection)
            obj = built.model.from_db(using, built.init_list, row[built.start:built.end])
            for populator in built.populators:
                populator.populate(row, obj)
            for name, pos in built.annotations.items():
                setattr(obj, name, row[pos])
            objects.append(obj)
        return objects

    def first(self, using: str = "default", **values):
        found = self.all(using, **values)
        return found[0] if found else None


class Rows:
    """A values() or values_list() queryset whose SQL and parameters are fixed (the query of a builder cached by its
    arguments: xaso.tracking.figures, xaso.tracking.budget), its SQL built once per database; each call runs it and
    converts its columns as the ORM would. A dashboard runs such queries on every view: the ORM's compiler spent
    0.3 to 0.8 ms of CPU on each, as long as the database took to answer them."""

    def __init__(self, queryset: QuerySet):
        self.queryset = queryset
        query = queryset.query
        columns = [*query.extra_select, *query.values_select, *query.annotation_select]  # as the SQL selects them
        asked = queryset._fields or ()
        self.names = [*asked, *(name for name in query.annotation_select if name not in asked)]  # as values_list()
        self._order = None if self.names == columns else [columns.index(name) for name in self.names]
        self._built: dict[tuple[str, str], tuple | None] = {}

    def _compile(self, alias: str, connection) -> tuple | None:
        compiler = self.queryset.query.get_compiler(using=alias, connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # `plan__in=()`: no row, nothing asked of the database
            return None
        return sql, params, _converters(compiler)

    def all(self, using: str = "default") -> list[tuple]:
        connection = connections[using]
        key = (using, connection.vendor)
        if key not in self._built:  # two threads building at once build the same thing
            self._built[key] = self._compile(using, connection)
        built = self._built[key]
        if built is None:
            return []
        sql, params, converters = built
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = [tuple(_convert(row, converters, connection)) for row in rows]
        if self._order:
            rows = [tuple(row[i] for i in self._order) for row in rows]
        return rows

    def dicts(self, using: str = "default") -> list[dict]:
        return [dict(zip(self.names, row)) for row in self.all(using)]


# The writes of the same path: a row's UPDATE or INSERT, and its history record, as Model.save() and
# django-simple-history write them, the SQL built once per model and database.
_writes: dict[tuple, tuple[str, list]] = {}


def _write_sql(kind: str, model, connection) -> tuple[str, list]:
    key = (kind, model, connection.alias, connection.vendor)
    if key not in _writes:
        meta, quote = model._meta, connection.ops.quote_name
        pk = meta.pk
        if kind == "update":
            fields = [f for f in meta.local_concrete_fields if not f.primary_key and not f.generated]
            sql = (f"UPDATE {quote(meta.db_table)} SET {', '.join(f'{quote(f.column)} = %s' for f in fields)} "
                   f"WHERE {quote(pk.column)} = %s")
        else:
            fields = [f for f in meta.local_concrete_fields if not f.generated
                      and not (f.primary_key and getattr(f, "db_returning", False))]
            sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
                   f"VALUES ({', '.join(['%s'] * len(fields))})")
            if kind == "insert returning" and connection.features.can_return_columns_from_insert:
                returning, _ = connection.ops.return_insert_columns([pk])
                sql += " " + returning
        _writes[key] = (sql, fields)
    return _writes[key]


def upsert(obj, unique_fields: list[str], update_fields: list[str], using: str = "default") -> None:
    """One row inserted, or updated where `unique_fields` already name one: the statement of
    bulk_create([obj], update_conflicts=True, unique_fields=…, update_fields=…), built once."""
    connection = connections[using]
    model = type(obj)
    key = ("upsert", model, tuple(unique_fields), tuple(update_fields), connection.alias, connection.vendor)
    if key not in _writes:
        sql, fields = _write_sql("insert", model, connection)
        meta = model._meta
        sql += " " + connection.ops.on_conflict_suffix_sql(
            fields, OnConflict.UPDATE, [meta.get_field(f).column for f in update_fields],
            [meta.get_field(f).column for f in unique_fields])
        _writes[key] = (sql, fields)
    sql, fields = _writes[key]
    with connection.cursor() as cursor:
        cursor.execute(sql, [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])


def save(obj, using: str = "default") -> None:
    """Write `obj` as Model.save() would (every column; auto_now and auto_now_add set on `obj`; a new row's id set
    on it), without the save signals: the caller writes what their receivers would (the history record: `record`)."""
    connection = connections[using]
    adding = obj._state.adding or obj.pk is None
    sql, fields = _write_sql("insert returning" if adding else "update", type(obj), connection)
    params = [f.get_db_prep_save(f.pre_save(obj, adding), connection) for f in fields]
    with connection.cursor() as cursor:
        if adding:
            cursor.execute(sql, params)
            if connection.features.can_return_columns_from_insert:
                obj.pk = cursor.fetchone()[0]
            else:
                obj.pk = connection.ops.last_insert_id(cursor, type(obj)._meta.db_table, type(obj)._meta.pk.column)
        else:
            cursor.execute(sql, [*params, type(obj)._meta.pk.get_db_prep_value(obj.pk, connection)])
            if cursor.rowcount != 1:
                raise DatabaseError(f"{type(obj).__name__} {obj.pk}: the row to update is gone")
    obj._state.adding, obj._state.db = False, using


_history_models: dict[type, type] = {}


def record(records, obj, history_type: str, using: str = "default"):
    """The history row django-simple-history writes on a save (HistoricalRecords.create_historical_record: the same
    columns, user, change reason and signals; a model with many-to-many history is not for this), inserted by a
    statement built once. `records`: the model's HistoricalRecords. Nothing where django-simple-history would
    write nothing (SIMPLE_HISTORY_ENABLED off, the object's skip_history_when_saving)."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True) or hasattr(obj, "skip_history_when_saving"):
        return None
    history_model = _history_models.get(type(obj))
    if history_model is None:
        history_model = _history_models[type(obj)] = getattr(type(obj), records.manager_name).model
    history_date = getattr(obj, "_history_date", timezone.now())
    user = records.get_history_user(obj)
    reason = records.get_change_reason_for_object(obj, history_type, using)
    row = history_model(history_date=history_date, history_type=history_type, history_user=user,
                        history_change_reason=reason,
                        **{f.attname: getattr(obj, f.attname) for f in records.fields_included(obj)})
    signals = {"instance": obj, "history_date": history_date, "history_user": user, "history_change_reason": reason,
               "history_instance": row, "using": using}
    pre_create_historical_record.send(sender=history_model, **signals)
    connection = connections[using]
    sql, fields = _write_sql("insert", history_model, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields])
    row._state.adding, row._state.db = False, using
    del signals["history_instance"]
    post_create_historical_record.send(sender=history_model, history_instance=row, **signals)
    return row

