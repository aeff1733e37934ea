# carestair -- PGXS build.
#
# The two commands a newcomer needs are `make demo` and `make test`; both
# install what is missing (tools/setup-deps.sh) and run in a throwaway
# cluster.  Everything else is an ordinary PGXS extension build.

EXTENSION   = carestair
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

# Module SQL files, in the order the extension script needs them.  Each
# capability adds its src/<module>.sql here (see ../shared/DESIGN.md).
SQL_MODULES = \
	src/carestair.sql \
	src/region.sql \
	src/population.sql \
	src/ssb_csv.sql \
	src/ssb_import.sql \
	src/ssb_jsonstat.sql \
	src/population_stats.sql \
	src/care_level.sql \
	src/iplos.sql \
	src/beds.sql \
	src/beon.sql \
	src/care_demand.sql \
	src/dementia.sql \
	src/staffing.sql \
	src/rota.sql \
	src/projection.sql \
	src/projection_scenario.sql \
	src/projection_estimate.sql \
	src/mortality_forecast.sql \
	src/projection_backtest_all.sql \
	src/decompose.sql \
	src/kostra.sql \
	src/kostra_import.sql \
	src/kostra_compare.sql \
	src/ssb_projection.sql \
	src/kostra_nok.sql \
	src/stochastic.sql \
	src/stochastic_estimate.sql \
	src/travel_time.sql \
	src/legevakt.sql \
	src/road_network.sql \
	src/location.sql \
	src/followup.sql \
	src/bi.sql \
	src/report.sql \
	src/hardening.sql

MODULE_big  = carestair
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(wildcard sql/updates/$(EXTENSION)--*.sql)
EXTRA_CLEAN = results regression.diffs regression.out tap.out system.out test/unit/run_unit

# pg_regress: 00_setup creates the extension, the rest run in listed order.
REGRESS      = 00_setup region population ssb_import ssb_jsonstat population_stats care_level iplos beds beon care_demand dementia staffing rota projection projection_scenario projection_backtest mortality_forecast decompose kostra kostra_compare kostra_nok ssb_projection projection_vs_ssb stochastic stochastic_estimate travel_time location legevakt road_network postgis_schema followup bi report projection_backtest_all hardening
REGRESS_OPTS = --load-extension=postgis

PG_CPPFLAGS += -Wall -Wextra -Werror -Wno-unused-parameter

# Prefer PostgreSQL 15 explicitly when it is installed side by side.
PG_CONFIG ?= $(shell test -x /usr/lib/postgresql/15/bin/pg_config && echo /usr/lib/postgresql/15/bin/pg_config || echo pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

# Without pg_config (a fresh machine) only `make test` / `make demo` work:
# they install the server headers first and then call make again.
ifneq ($(PGXS),)
include $(PGXS)
endif

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_MODULES) $(EXTENSION).control
	cat $(SQL_MODULES) > $@

.PHONY: test demo deps
deps:
	tools/setup-deps.sh

test: deps
	tools/run-tests.sh

# make demo [DB=<conninfo>]: the main job on the bundled real data.
demo: deps
	tools/run-demo.sh "$(DB)"

# make unit: the numeric kernels' unit tests in plain C, without a server
# (test/unit/, PostGIS style: server symbols stubbed in test/unit/pg_stubs.c).
# make test runs it through test/system/unit.sh.
UNIT_KERNELS = src/beds_kernel.c src/decompose_kernel.c src/projection_kernel.c src/mortality_forecast_kernel.c
.PHONY: unit
unit: test/unit/run_unit
	test/unit/run_unit

test/unit/run_unit: test/unit/pg_stubs.c test/unit/test_kernels.c test/unit/test_mortality_forecast.c test/unit/unit.h $(UNIT_KERNELS) $(wildcard src/*.h)
	$(CC) $(CPPFLAGS) $(PG_CPPFLAGS) -I$(includedir_server) -Isrc -Itest/unit $(CFLAGS) -o $@ \
		test/unit/pg_stubs.c test/unit/test_kernels.c test/unit/test_mortality_forecast.c $(UNIT_KERNELS) \
		$(pkglibdir)/libpgcommon.a $(pkglibdir)/libpgport.a -lm

# make valgrind: the C paths of the regression tests under memcheck; reports
# the errors in carestair frames (tools/valgrind.sh).  Slow; not in make test.
.PHONY: valgrind
valgrind:
	tools/valgrind.sh
