;; The row scan's loops in WebAssembly SIMD: a range's estimates (the common component's share, then four
;; words' quantised cosines at a time), their k best, and the rows within reach of the k-th.
;; `npm run kernel` compiles this file into row-scan-kernel.ts; a test checks the two agree.
(module
  (memory (export "memory") 1)
  ;; out[i] = f32(weight · common[i]) (float64 in, rounded once) for every i below length, four at a
  ;; time; then -inf up to a multiple of eight, so the rows past length never rank. Reads common up to
  ;; a multiple of four past length.
  (func (export "start")
    (param $out i32) (param $length i32) (param $common i32) (param $weight f64)
    (local $i i32) (local $p i32) (local $w v128)
    (local.set $w (f64x2.splat (local.get $weight)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $length)))
        (local.set $p (i32.add (local.get $common) (i32.shl (local.get $i) (i32.const 3))))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (f64x2.mul (local.get $w) (v128.load offset=0 (local.get $p))))
            (f32x4.demote_f64x2_zero (f64x2.mul (local.get $w) (v128.load offset=16 (local.get $p))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (block $padded
      (loop $pad
        (br_if $padded (i32.eqz (i32.and (local.get $length) (i32.const 7))))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $length) (i32.const 2))) (f32.const -inf))
        (local.set $length (i32.add (local.get $length) (i32.const 1)))
        (br $pad))))
  ;; out[i] += sa·a[i] + sb·b[i] + sc·c[i] + sd·d[i] for every i below length, eight at a time:
  ;; out (float32) and the int8 lists a..d are read and written up to a multiple of eight past length.
  (func (export "accumulate4")
    (param $out i32) (param $length i32)
    (param $a i32) (param $sa f32) (param $b i32) (param $sb f32)
    (param $c i32) (param $sc f32) (param $d i32) (param $sd f32)
    (local $i i32) (local $o i32)
    (local $fa v128) (local $fb v128) (local $fc v128) (local $fd v128)
    (local $ha v128) (local $hb v128) (local $hc v128) (local $hd v128)
    (local.set $fa (f32x4.splat (local.get $sa)))
    (local.set $fb (f32x4.splat (local.get $sb)))
    (local.set $fc (f32x4.splat (local.get $sc)))
    (local.set $fd (f32x4.splat (local.get $sd)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $length)))
        ;; Eight cosines of each word, widened to 16 bits.
        (local.set $ha (v128.load8x8_s (i32.add (local.get $a) (local.get $i))))
        (local.set $hb (v128.load8x8_s (i32.add (local.get $b) (local.get $i))))
        (local.set $hc (v128.load8x8_s (i32.add (local.get $c) (local.get $i))))
        (local.set $hd (v128.load8x8_s (i32.add (local.get $d) (local.get $i))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))))
        (v128.store offset=0 (local.get $o)
          (f32x4.add (v128.load offset=0 (local.get $o))
            (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $fa) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $ha))))
                (f32x4.mul (local.get $fb) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $hb)))))
              (f32x4.add
                (f32x4.mul (local.get $fc) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $hc))))
                (f32x4.mul (local.get $fd) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $hd))))))))
        (v128.store offset=16 (local.get $o)
          (f32x4.add (v128.load offset=16 (local.get $o))
            (f32x4.add
              (f32x4.add
                (f32x4.mul (local.get $fa) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $ha))))
                (f32x4.mul (local.get $fb) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $hb)))))
              (f32x4.add
                (f32x4.mul (local.get $fc) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $hc))))
                (f32x4.mul (local.get $fd) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $hd))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $next))))
  ;; The k best of est[0..length) (0 < k < length), best first, into best (float32) and rows (int32):
  ;; a row goes in only above the k-th so far, after the equal ones before it. Four rows are passed over
  ;; at once when none is above the k-th.
  (func (export "best")
    (param $est i32) (param $length i32) (param $k i32) (param $best i32) (param $rows i32)
    (local $i i32) (local $j i32) (local $end i32) (local $filled i32) (local $at i32) (local $s f32)
    (local $last i32) (local $p i32)
    (local.set $last (i32.add (local.get $best) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2))))
    (block $done
      (loop $block
        (br_if $done (i32.ge_s (local.get $i) (local.get $length)))
        (if (i32.or (i32.lt_s (local.get $filled) (local.get $k))
                    (v128.any_true
                      (f32x4.gt (v128.load (i32.add (local.get $est) (i32.shl (local.get $i) (i32.const 2))))
                                (f32x4.splat (f32.load (local.get $last))))))
          (then
            (local.set $end (i32.add (local.get $i) (i32.const 4)))
            (if (i32.gt_s (local.get $end) (local.get $length)) (then (local.set $end (local.get $length))))
            (local.set $j (local.get $i))
            (block $rowsDone
              (loop $row
                (br_if $rowsDone (i32.ge_s (local.get $j) (local.get $end)))
                (local.set $s (f32.load (i32.add (local.get $est) (i32.shl (local.get $j) (i32.const 2)))))
                (block $skip
                  (br_if $skip (i32.and (i32.eq (local.get $filled) (local.get $k))
                                        (f32.le (local.get $s) (f32.load (local.get $last)))))
                  (if (i32.lt_s (local.get $filled) (local.get $k))
                    (then
                      (local.set $at (local.get $filled))
                      (local.set $filled (i32.add (local.get $filled) (i32.const 1))))
                    (else (local.set $at (i32.sub (local.get $k) (i32.const 1)))))
                  (block $placed
                    (loop $shift
                      (br_if $placed (i32.le_s (local.get $at) (i32.const 0)))
                      (local.set $p (i32.shl (local.get $at) (i32.const 2)))
                      (br_if $placed (i32.eqz (f32.lt (f32.load (i32.sub (i32.add (local.get $best) (local.get $p)) (i32.const 4))) (local.get $s))))
                      (f32.store (i32.add (local.get $best) (local.get $p))
                        (f32.load (i32.sub (i32.add (local.get $best) (local.get $p)) (i32.const 4))))
                      (i32.store (i32.add (local.get $rows) (local.get $p))
                        (i32.load (i32.sub (i32.add (local.get $rows) (local.get $p)) (i32.const 4))))
                      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
                      (br $shift)))
                  (f32.store (i32.add (local.get $best) (i32.shl (local.get $at) (i32.const 2))) (local.get $s))
                  (i32.store (i32.add (local.get $rows) (i32.shl (local.get $at) (i32.const 2))) (local.get $j)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $row)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $block))))
  ;; Writes start + i for every i below length with est[i] ≥ floor (compared in float64), in order,
  ;; to out (int32); returns how many. Four rows are passed over at once when none reaches the floor.
  (func (export "select")
    (param $est i32) (param $length i32) (param $floor f64) (param $start i32) (param $out i32) (result i32)
    (local $i i32) (local $j i32) (local $end i32) (local $count i32) (local $f v128) (local $v v128)
    (local.set $f (f64x2.splat (local.get $floor)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_s (local.get $i) (local.get $length)))
        (local.set $v (v128.load (i32.add (local.get $est) (i32.shl (local.get $i) (i32.const 2)))))
        (if (v128.any_true
              (v128.or
                (f64x2.ge (f64x2.promote_low_f32x4 (local.get $v)) (local.get $f))
                (f64x2.ge (f64x2.promote_low_f32x4
                            (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))
                          (local.get $f))))
          (then
            (local.set $end (i32.add (local.get $i) (i32.const 4)))
            (if (i32.gt_s (local.get $end) (local.get $length)) (then (local.set $end (local.get $length))))
            (local.set $j (local.get $i))
            (block $rowsDone
              (loop $row
                (br_if $rowsDone (i32.ge_s (local.get $j) (local.get $end)))
                (if (f64.ge (f64.promote_f32 (f32.load (i32.add (local.get $est) (i32.shl (local.get $j) (i32.const 2)))))
                            (local.get $floor))
                  (then
                    (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2)))
                      (i32.add (local.get $start) (local.get $j)))
                    (local.set $count (i32.add (local.get $count) (i32.const 1)))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $row)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $block)))
    (local.get $count)))
