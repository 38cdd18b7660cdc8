// libcsv (Debian package libcsv-dev) installs csv.h and libcsv.so but no pkg-config file.
#include <csv.h>

// libcsv's space function for dqcli: no byte is a space, so nothing is trimmed (whitespace is a finding).
// libcsv calls it for every byte of an unquoted field, so on x86-64 and arm64 it is a bare "return 0" in
// assembly: a C or Swift function would also set up and tear down a frame pointer (Swift builds keep frame
// pointers), three more instructions per byte of input.
#if defined(__x86_64__)
__attribute__((naked)) static int dataquality_no_byte_is_space(unsigned char byte) {
    __asm__ volatile("xorl %eax, %eax\n\tret");
}
#elif defined(__aarch64__)
__attribute__((naked)) static int dataquality_no_byte_is_space(unsigned char byte) {
    __asm__ volatile("mov w0, #0\n\tret");
}
#else
static int dataquality_no_byte_is_space(unsigned char byte) {
    (void)byte;
    return 0;
}
#endif
