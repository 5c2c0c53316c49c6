def log = new File(basedir, 'build.log').text

// Each chain's V1 is right.
assert (log =~ /V1 +create plots +up (?:\d+ ms|\d+\.\d s), down (?:\d+ ms|\d+\.\d s), up again (?:\d+ ms|\d+\.\d s)/).size() == 3

// 1: one line per forgotten object, in one failure.
assert log.contains('V2 down did not restore the schema its up found. Make the down undo exactly what the up does.')
assert log.contains('column plots.note text: only after the down')
assert log.contains('index plots.idx_plots_code_lower: CREATE INDEX idx_plots_code_lower ON public.plots USING btree (lower(code)): only after the down')
assert log.contains('enum type plot_kind (field, greenhouse): only after the down')
assert log.contains('trigger plots.trg_touch_plot: CREATE TRIGGER trg_touch_plot BEFORE INSERT ON public.plots FOR EACH ROW EXECUTE FUNCTION touch_plot(): only after the down')
assert log =~ /function stamp_plot\(\) \(md5 [0-9a-f]{32}\): only after the down/
// What the down did drop, and V1's function, which V2 did not touch, are not listed.
assert !log.contains('column plots.kind')
assert !log.contains('trg_stamp_plot')
assert !log.contains('function touch_plot()')

// 2: not repeatable
assert log.contains('V2 up failed when applied again after its down, so the down left something behind that the schema does not show (rows, say):')
assert log.contains('duplicate key value violates unique constraint "plots_pkey"')

// 3: rebuilt differently
assert log.contains('V2 up applied again after its down did not build the schema its first up built. Make the up build the same schema whatever ran before it.')
assert log.contains('column plots.batch: default 1 after the first up, 2 after the second up')

assert (log =~ /BUILD FAILURE/).size() == 3
return true
