#include "czlib.h"

#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

struct czlib_reader {
    gzFile file;
};


static czlib_reader *wrap(gzFile file) {
    if (file == NULL) return NULL;
    gzbuffer(file, 1 << 18);
    czlib_reader *reader = malloc(sizeof *reader);
    if (reader == NULL) {
        gzclose(file);
        return NULL;
    }
    reader->file = file;
    return reader;
}

czlib_reader *czlib_open_fd(int32_t fd) {
    int copy = dup(fd);
    if (copy < 0) return NULL;
    gzFile file = gzdopen(copy, "rb");
    if (file == NULL) close(copy);
    return wrap(file);
}

czlib_reader *czlib_open(const char *path) {
    return wrap(gzopen(path, "rb"));
}

int64_t czlib_read(czlib_reader *reader, uint8_t *buffer, int64_t capacity) {
    if (capacity > (1 << 30)) capacity = 1 << 30;
    int read = gzread(reader->file, buffer, (unsigned)capacity);
    if (read < 0) return -1;
    if (read == 0) {
        int code = 0;
        gzerror(reader->file, &code);
        // zlib reports a truncated stream as Z_BUF_ERROR at the end of input.
        if (code != Z_OK && code != Z_STREAM_END) return -1;
    }
    return read;
}

int64_t czlib_offset(czlib_reader *reader) {
    return (int64_t)gzoffset(reader->file);
}

const char *czlib_error(czlib_reader *reader) {
    int code = 0;
    const char *message = gzerror(reader->file, &code);
    if (code == Z_BUF_ERROR) return "unexpected end of file (truncated gzip stream)";
    return code == Z_OK ? "" : message;
}

void czlib_close(czlib_reader *reader) {
    if (reader == NULL) return;
    gzclose(reader->file);
    free(reader);
}
