;; The row scan's hot loop in WebAssembly SIMD: a range's estimates, four words' quantised cosines at a
;; time. `npm run kernel` compiles this file into row-scan-kernel.ts; a test checks the two agree.
(module
  (memory (export "memory") 1)
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
        (br $next)))))
