;; TF-IDF's per-message loops in WebAssembly: the message's dot product with every phrasing holding one of
;; its features (through the inverted index), then each label's nearest phrasing by cosine.
(module
  (memory (export "memory") 1)
  ;; Where the fitted index lies in memory (set once by `layout`), and the last message's touched lists.
  (global $postings (mut i32) (i32.const 0))
  (global $rowStart (mut i32) (i32.const 0))
  (global $norms (mut i32) (i32.const 0))
  (global $labelOf (mut i32) (i32.const 0))
  (global $dots (mut i32) (i32.const 0))
  (global $touched (mut i32) (i32.const 0))
  (global $best (mut i32) (i32.const 0))
  (global $bestExample (mut i32) (i32.const 0))
  (global $touchedLabels (mut i32) (i32.const 0))
  (global $touchedCount (mut i32) (i32.const 0))
  (global $labelCount (mut i32) (i32.const 0))
  (func (export "layout")
    (param $postings i32) (param $rowStart i32) (param $norms i32) (param $labelOf i32) (param $dots i32)
    (param $touched i32) (param $best i32) (param $bestExample i32) (param $touchedLabels i32)
    (global.set $postings (local.get $postings))
    (global.set $rowStart (local.get $rowStart))
    (global.set $norms (local.get $norms))
    (global.set $labelOf (local.get $labelOf))
    (global.set $dots (local.get $dots))
    (global.set $touched (local.get $touched))
    (global.set $best (local.get $best))
    (global.set $bestExample (local.get $bestExample))
    (global.set $touchedLabels (local.get $touchedLabels)))
  ;; The message's features: `count` (row int32, product float64) pairs at `query` (16 bytes each, the row
  ;; first); its length `queryNorm`. Clears the last message's sums, adds each feature's product to every
  ;; phrasing holding it, then keeps each label's best cosine (capped at 1) and the first phrasing with it.
  ;; Returns how many labels it touched (their indexes at touchedLabels, in order of first touch).
  (func (export "similarities") (param $query i32) (param $count i32) (param $queryNorm f64) (result i32)
    (local $k i32) (local $end i32) (local $i i32) (local $p i32) (local $c i32) (local $q i32)
    (local $product f64) (local $similarity f64) (local $labels i32) (local $at i32)
    ;; Clear the last message's sums and labels.
    (block $cleared
      (loop $clear
        (br_if $cleared (i32.ge_u (local.get $k) (global.get $touchedCount)))
        (f64.store (i32.add (global.get $dots)
                            (i32.shl (i32.load (i32.add (global.get $touched) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))
                   (f64.const 0))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $clear)))
    (local.set $k (i32.const 0))
    (block $cleared
      (loop $clear
        (br_if $cleared (i32.ge_u (local.get $k) (global.get $labelCount)))
        (local.set $c (i32.load (i32.add (global.get $touchedLabels) (i32.shl (local.get $k) (i32.const 2)))))
        (f64.store (i32.add (global.get $best) (i32.shl (local.get $c) (i32.const 3))) (f64.const 0))
        (i32.store (i32.add (global.get $bestExample) (i32.shl (local.get $c) (i32.const 2))) (i32.const -1))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $clear)))
    (global.set $touchedCount (i32.const 0))
    ;; Each feature's product, added to every phrasing holding it.
    (block $summed
      (loop $feature
        (br_if $summed (i32.ge_u (local.get $q) (local.get $count)))
        (local.set $at (i32.add (local.get $query) (i32.shl (local.get $q) (i32.const 4))))
        (local.set $p (i32.add (global.get $rowStart) (i32.shl (i32.load (local.get $at)) (i32.const 2))))
        (local.set $product (f64.load offset=8 (local.get $at)))
        (local.set $k (i32.load (local.get $p)))
        (local.set $end (i32.load offset=4 (local.get $p)))
        (block $listed
          (loop $posting
            (br_if $listed (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $i (i32.load (i32.add (global.get $postings) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $p (i32.add (global.get $dots) (i32.shl (local.get $i) (i32.const 3))))
            (if (f64.eq (f64.load (local.get $p)) (f64.const 0))
              (then
                (i32.store (i32.add (global.get $touched) (i32.shl (global.get $touchedCount) (i32.const 2))) (local.get $i))
                (global.set $touchedCount (i32.add (global.get $touchedCount) (i32.const 1)))))
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $product)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $posting)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $feature)))
    ;; Each touched phrasing's cosine, kept when it beats its label's best so far.
    (local.set $k (i32.const 0))
    (block $ranked
      (loop $phrasing
        (br_if $ranked (i32.ge_u (local.get $k) (global.get $touchedCount)))
        (local.set $i (i32.load (i32.add (global.get $touched) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $similarity
          (f64.min (f64.const 1)
            (f64.div (f64.load (i32.add (global.get $dots) (i32.shl (local.get $i) (i32.const 3))))
                     (f64.mul (local.get $queryNorm) (f64.load (i32.add (global.get $norms) (i32.shl (local.get $i) (i32.const 3))))))))
        (local.set $c (i32.load (i32.add (global.get $labelOf) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $at (i32.add (global.get $bestExample) (i32.shl (local.get $c) (i32.const 2))))
        (if (i32.eq (i32.load (local.get $at)) (i32.const -1))
          (then
            (i32.store (i32.add (global.get $touchedLabels) (i32.shl (local.get $labels) (i32.const 2))) (local.get $c))
            (local.set $labels (i32.add (local.get $labels) (i32.const 1)))))
        (local.set $p (i32.add (global.get $best) (i32.shl (local.get $c) (i32.const 3))))
        (if (f64.gt (local.get $similarity) (f64.load (local.get $p)))
          (then
            (f64.store (local.get $p) (local.get $similarity))
            (i32.store (local.get $at) (local.get $i))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $phrasing)))
    (global.set $labelCount (local.get $labels))
    (local.get $labels)))
