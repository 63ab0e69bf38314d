/* Test buffers that end where an unreadable page begins, so that a read past them faults, in libzstd too. */
#ifndef H4_TEST_GUARDED_H
#define H4_TEST_GUARDED_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* n bytes that end where an unreadable page begins: a read past them faults. */
struct guarded {
    uint8_t *bytes;
    void *map;
    size_t size;
};

static struct guarded guarded(size_t n) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t size = (n + page - 1) / page * page + page;
    void *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || mprotect((uint8_t *)map + size - page, page, PROT_NONE) != 0) {
        perror("mmap");
        exit(2);
    }
    return (struct guarded){(uint8_t *)map + size - page - n, map, size};
}

static void unguard(struct guarded g) {
    munmap(g.map, g.size);
}

#endif
