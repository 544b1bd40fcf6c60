# zero copy (zero-copy=yes on a client): dplite <-> dplite exchange with the
# xstats proving which path ran, kill -9 / reconnect without leaks, the
# hostile server modes, and dplite-fwd against dpdk-testpmd.
dplite_test(test_memif_zc_xchg SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_zc_xchg.c
            LABELS nonroot concurrency TIMEOUT 120)
# the two-queue-pair exchange of dplite.cmake with a zero-copy client, in
# each process role
foreach(role server client)
  dplite_test(test_memif_zc_xchg2q_${role} SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_dplite_xchg.c
              ARGS ${role} 512 zc LABELS nonroot concurrency TIMEOUT 90)
endforeach()
dplite_test(test_memif_zc_reconnect SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_dplite_reconnect.c
            ARGS client zc LABELS nonroot concurrency TIMEOUT 120)
dplite_test(test_memif_zc_hostile SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_hostile.c
            ARGS ${MEMIF_PEER} client-zc LABELS nonroot TIMEOUT 300)
add_dependencies(test_memif_zc_hostile memif_peer)
if(MEMIF_DRIVER_SRC)
  target_compile_definitions(test_memif_zc_hostile PRIVATE DPLITE_TEST_HAVE_MEMIF=1)
endif()
if(TARGET dplite-fwd)
  # (registered after memifx.cmake: the file list is sorted)
  foreach(c rx tx pingpong)
    add_test(NAME test_memif_zc_testpmd_${c}
             COMMAND sh ${MX}/test_memif_testpmd.sh $<TARGET_FILE:dplite-fwd> ${MEMIF_HAVE} zc-${c})
    set_tests_properties(test_memif_zc_testpmd_${c} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 180 RUN_SERIAL ON)
  endforeach()
endif()
# application threads (more than cores) freeing zero-copy mbufs while the
# port disconnects and reconnects: no pool or region destroyed under a put;
# "ops": the zero-copy pool keeps ring_mp_mc under --mbuf-pool-ops-name
dplite_test(test_memif_zc_race SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_zc_race.c
            LABELS nonroot concurrency TIMEOUT 180)
dplite_test(test_memif_zc_race_ops SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_zc_race.c
            ARGS ops LABELS nonroot TIMEOUT 60)
