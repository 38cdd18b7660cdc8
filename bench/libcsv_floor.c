/* The libcsv floor: parses a CSV file through libcsv with no-op callbacks and the options dqcli uses
 * (CSV_STRICT | CSV_STRICT_FINI, a space function that treats no byte as space, 64 KiB buffer blocks),
 * reading 1 MiB chunks. Prints the records counted. The fastest any libcsv-based profiler can be. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static size_t records;

static void on_field(void *field, size_t length, void *data) { (void)field; (void)length; (void)data; }
static void on_record(int terminator, void *data) { (void)terminator; (void)data; records++; }
static int no_space(unsigned char byte) { (void)byte; return 0; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: libcsv_floor FILE\n"); return 64; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 66; }
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_space_func(&parser, no_space);
    csv_set_blk_size(&parser, 64 * 1024);
    static char buffer[1 << 20];
    size_t count;
    while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) {
        size_t done = 0;
        while (done < count) {
            done += csv_parse(&parser, buffer + done, count - done, on_field, on_record, NULL);
            if (done < count) {  /* a strict-mode fault: skip the byte, as a profiler would resynchronise */
                parser.status = 0; parser.pstate = 0; parser.entry_pos = 0; parser.quoted = 0;
                done++;
            }
        }
    }
    csv_fini(&parser, on_field, on_record, NULL);
    csv_free(&parser);
    fclose(file);
    printf("%zu records\n", records);
    return 0;
}
