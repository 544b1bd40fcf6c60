/* Other half of the deliberate cycle for the layering checker's self-test. */
int layering_cycle_a(int n);
int layering_cycle_b(int n) { return n > 0 ? layering_cycle_a(n - 1) : 1; }
