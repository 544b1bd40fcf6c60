# dplite <-> dplite over net_memif: two real processes (the test execs
# itself as the peer) over a socket in a per-test temp directory; the
# argument is the parent's role.
foreach(role server client)
  dplite_test(test_memif_dplite_xchg_${role} SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_dplite_xchg.c
              ARGS ${role} LABELS nonroot concurrency TIMEOUT 90)
  dplite_test(test_memif_dplite_reconnect_${role} SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_dplite_reconnect.c
              ARGS ${role} LABELS nonroot concurrency TIMEOUT 120)
endforeach()
dplite_test(test_memif_dplite_xchg_bsize128 SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_dplite_xchg.c
            ARGS client 128 LABELS nonroot TIMEOUT 90)
dplite_test(test_memif_dplite_secondary SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_dplite_secondary.c
            LABELS nonroot TIMEOUT 60)
dplite_test(test_memif_dplite_ids SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_dplite_ids.c
            LABELS nonroot TIMEOUT 60)
dplite_test(test_memif_dplite_rawpeer SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_dplite_rawpeer.c
            LABELS nonroot TIMEOUT 60)
target_include_directories(test_memif_dplite_rawpeer PRIVATE ${CMAKE_SOURCE_DIR}/drivers/net/memif)
