/* Half of a deliberate cycle for the layering checker's self-test. */
int layering_cycle_b(int n);
int layering_cycle_a(int n) { return n > 0 ? layering_cycle_b(n - 1) : 0; }
