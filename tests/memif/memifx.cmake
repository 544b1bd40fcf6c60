# memifx group: the hostile peer, dplite vs memif_peer, DPDK interop.
# memif_peer: the scriptable memif peer (libc only, no dplite), also used by
# bench/bench_memif.sh; built even where the driver is not, so the DPDK
# check below runs anywhere dpdk-testpmd is installed.
add_executable(memif_peer ${CMAKE_CURRENT_LIST_DIR}/memif_peer.c)
set(MEMIF_PEER $<TARGET_FILE:memif_peer>)
set(MX ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME test_memif_hostile_dpdk COMMAND sh ${MX}/test_memif_hostile_dpdk.sh ${MEMIF_PEER})
set_tests_properties(test_memif_hostile_dpdk PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 240 RUN_SERIAL ON)
# dplite's net_memif against memif_peer in every hostile mode, dplite in
# each role (the binary exits 77 when the driver is not in this build)
file(GLOB MEMIF_DRIVER_SRC ${CMAKE_SOURCE_DIR}/drivers/net/memif/*.c)
foreach(role server client)
  dplite_test(test_memif_hostile_${role} SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_memif_hostile.c
              ARGS ${MEMIF_PEER} ${role} LABELS nonroot TIMEOUT 300)
  add_dependencies(test_memif_hostile_${role} memif_peer)
  if(MEMIF_DRIVER_SRC)
    target_compile_definitions(test_memif_hostile_${role} PRIVATE DPLITE_TEST_HAVE_MEMIF=1)
  endif()
endforeach()
# dplite-fwd <-> dpdk-testpmd over memif: counts (rx, tx) and kill -9 (kill)
if(TARGET dplite-fwd)
  if(MEMIF_DRIVER_SRC)
    set(MEMIF_HAVE 1)
  else()
    set(MEMIF_HAVE 0)
  endif()
  foreach(c rx tx kill)
    add_test(NAME test_memif_testpmd_${c}
             COMMAND sh ${MX}/test_memif_testpmd.sh $<TARGET_FILE:dplite-fwd> ${MEMIF_HAVE} ${c})
    set_tests_properties(test_memif_testpmd_${c} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 180 RUN_SERIAL ON)
  endforeach()
endif()
