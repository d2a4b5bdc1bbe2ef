/* A fast loopback stand-in for ECR and STS, for the benchmark only: it answers the calls a
 * plan, an export and an apply make for a generated registry of N repositories, keeps
 * connections alive (HTTP/1.1), pages DescribeRepositories as ECR does (at most 1,000 a
 * page, with nextToken), and costs well under 0.1 ms per call, so that the client's own
 * cost is what is measured. Writes are answered and forgotten.
 *
 *   standin PORT N LIFECYCLE.json POLICY.json
 *
 * Repository i is team-(i%10)/service-%05d, IMMUTABLE, scan on push, AES256, tagged
 * team=team-(i%10) and managed-by=ecr-apply, with the given lifecycle and repository policy.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define ACCOUNT "123456789012"
#define PAGE 1000

static int repositories;
static char *lifecycle_escaped, *policy_escaped;

typedef struct { char *data; size_t length, capacity; } buffer;

static void append(buffer *b, const char *text, size_t n) {
    if (b->length + n + 1 > b->capacity) {
        b->capacity = (b->length + n + 1) * 2;
        b->data = realloc(b->data, b->capacity);
    }
    memcpy(b->data + b->length, text, n);
    b->length += n;
    b->data[b->length] = 0;
}

static void appendf(buffer *b, const char *format, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void appendf(buffer *b, const char *format, ...) {
    char stack[4096];
    va_list list;
    va_start(list, format);
    int n = vsnprintf(stack, sizeof stack, format, list);
    va_end(list);
    if (n < (int)sizeof stack) { append(b, stack, (size_t)n); return; }
    char *heap = malloc((size_t)n + 1);
    va_start(list, format);
    vsnprintf(heap, (size_t)n + 1, format, list);
    va_end(list);
    append(b, heap, (size_t)n);
    free(heap);
}

static char *read_file_escaped(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    buffer raw = {0}, out = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) append(&raw, chunk, n);
    fclose(f);
    for (size_t i = 0; i < raw.length; i++) {
        char c = raw.data[i];
        if (c == '"' || c == '\\') { char e[2] = {'\\', c}; append(&out, e, 2); }
        else if (c == '\n') append(&out, "\\n", 2);
        else append(&out, &c, 1);
    }
    return out.data;
}

/* The value of "key": "value" in a JSON body (any spaces around the colon), copied into out. */
static int field(const char *body, const char *key, char *out, size_t size) {
    char needle[64];
    snprintf(needle, sizeof needle, "\"%s\"", key);
    const char *at = strstr(body, needle);
    if (!at) return 0;
    at += strlen(needle);
    while (*at == ' ') at++;
    if (*at++ != ':') return 0;
    while (*at == ' ') at++;
    if (*at++ != '"') return 0;
    size_t i = 0;
    while (*at && *at != '"' && i + 1 < size) out[i++] = *at++;
    out[i] = 0;
    return 1;
}

static void name_of(int i, char *out, size_t size) { snprintf(out, size, "team-%d/service-%05d", i % 10, i); }

static void repository_json(buffer *b, const char *name) {
    appendf(b, "{\"repositoryArn\":\"arn:aws:ecr:us-east-1:" ACCOUNT ":repository/%s\",\"registryId\":\"" ACCOUNT "\","
               "\"repositoryName\":\"%s\",\"repositoryUri\":\"" ACCOUNT ".dkr.ecr.us-east-1.amazonaws.com/%s\",\"createdAt\":1.7e9,"
               "\"imageTagMutability\":\"IMMUTABLE\",\"imageScanningConfiguration\":{\"scanOnPush\":true},"
               "\"encryptionConfiguration\":{\"encryptionType\":\"AES256\"}}", name, name, name);
}

/* Answers one request: status and body. */
static int answer(const char *target, const char *body, buffer *out, const char **type) {
    char name[300], token[32];
    *type = "application/x-amz-json-1.1";
    if (!target) {  /* STS, query protocol */
        *type = "text/xml";
        appendf(out, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                     "<Arn>arn:aws:iam::" ACCOUNT ":user/bench</Arn><UserId>AIDABENCH</UserId><Account>" ACCOUNT "</Account>"
                     "</GetCallerIdentityResult><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
        return 200;
    }
    const char *op = strchr(target, '.');
    op = op ? op + 1 : target;
    if (!strcmp(op, "DescribeRepositories")) {
        int start = field(body, "nextToken", token, sizeof token) ? atoi(token) : 0;
        int end = start + PAGE < repositories ? start + PAGE : repositories;
        append(out, "{\"repositories\":[", 17);
        for (int i = start; i < end; i++) {
            if (i > start) append(out, ",", 1);
            name_of(i, name, sizeof name);
            repository_json(out, name);
        }
        append(out, "]", 1);
        if (end < repositories) appendf(out, ",\"nextToken\":\"%d\"", end);
        append(out, "}", 1);
    } else if (!strcmp(op, "ListTagsForResource")) {
        char arn[400];
        field(body, "resourceArn", arn, sizeof arn);
        const char *team = strstr(arn, "team-");
        appendf(out, "{\"tags\":[{\"Key\":\"team\",\"Value\":\"team-%c\"},{\"Key\":\"managed-by\",\"Value\":\"ecr-apply\"}]}", team ? team[5] : '0');
    } else if (!strcmp(op, "GetLifecyclePolicy") || !strcmp(op, "PutLifecyclePolicy")) {
        field(body, "repositoryName", name, sizeof name);
        appendf(out, "{\"registryId\":\"" ACCOUNT "\",\"repositoryName\":\"%s\",\"lifecyclePolicyText\":\"%s\"}", name, lifecycle_escaped);
    } else if (!strcmp(op, "GetRepositoryPolicy") || !strcmp(op, "SetRepositoryPolicy")) {
        field(body, "repositoryName", name, sizeof name);
        appendf(out, "{\"registryId\":\"" ACCOUNT "\",\"repositoryName\":\"%s\",\"policyText\":\"%s\"}", name, policy_escaped);
    } else if (!strcmp(op, "CreateRepository")) {
        field(body, "repositoryName", name, sizeof name);
        append(out, "{\"repository\":", 14);
        repository_json(out, name);
        append(out, "}", 1);
    } else if (!strcmp(op, "DescribeRegistry")) {
        appendf(out, "{\"registryId\":\"" ACCOUNT "\",\"replicationConfiguration\":{\"rules\":[]}}");
    } else if (!strcmp(op, "GetRegistryScanningConfiguration")) {
        appendf(out, "{\"registryId\":\"" ACCOUNT "\",\"scanningConfiguration\":{\"scanType\":\"BASIC\",\"rules\":[]}}");
    } else if (!strcmp(op, "GetRegistryPolicy")) {
        appendf(out, "{\"__type\":\"RegistryPolicyNotFoundException\",\"message\":\"Registry policy does not exist\"}");
        return 400;
    } else if (!strcmp(op, "TagResource") || !strcmp(op, "PutImageScanningConfiguration") || !strcmp(op, "PutImageTagMutability")) {
        append(out, "{}", 2);
    } else {
        appendf(out, "{\"__type\":\"UnsupportedOperation\",\"message\":\"the stand-in does not serve %s\"}", op);
        return 400;
    }
    return 200;
}

typedef struct { int fd; buffer in, out; size_t sent; } connection;

/* Handles every complete request in c->in; 0 when the connection should close. */
static int serve(connection *c) {
    for (;;) {
        char *end = c->in.data ? strstr(c->in.data, "\r\n\r\n") : NULL;
        if (!end) return 1;
        size_t head = (size_t)(end - c->in.data) + 4, length = 0;
        char *target = NULL, targetValue[128];
        for (char *line = c->in.data; line < end; ) {
            char *next = strstr(line, "\r\n");
            if (!strncasecmp(line, "content-length:", 15)) length = strtoul(line + 15, NULL, 10);
            if (!strncasecmp(line, "x-amz-target:", 13)) {
                char *v = line + 13;
                while (*v == ' ') v++;
                size_t n = (size_t)(next - v) < sizeof targetValue - 1 ? (size_t)(next - v) : sizeof targetValue - 1;
                memcpy(targetValue, v, n);
                targetValue[n] = 0;
                target = targetValue;
            }
            line = next + 2;
        }
        if (c->in.length < head + length) return 1;
        char saved = c->in.data[head + length];
        c->in.data[head + length] = 0;
        buffer body = {0};
        const char *type;
        int status = answer(target, c->in.data + head, &body, &type);
        c->in.data[head + length] = saved;
        appendf(&c->out, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nx-amzn-RequestId: bench\r\nContent-Length: %zu\r\n\r\n",
                status, status == 200 ? "OK" : "Bad Request", type, body.length);
        append(&c->out, body.data, body.length);
        free(body.data);
        memmove(c->in.data, c->in.data + head + length, c->in.length - head - length + 1);
        c->in.length -= head + length;
    }
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: standin PORT N LIFECYCLE.json POLICY.json\n"); return 2; }
    repositories = atoi(argv[2]);
    lifecycle_escaped = read_file_escaped(argv[3]);
    policy_escaped = read_file_escaped(argv[4]);
    int listener = socket(AF_INET, SOCK_STREAM, 0), yes = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) || listen(listener, 128)) { perror("listen"); return 1; }
    int poll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(poll, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event events[64];
    for (;;) {
        int ready = epoll_wait(poll, events, 64, -1);
        for (int e = 0; e < ready; e++) {
            connection *c = events[e].data.ptr;
            if (!c) {
                int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
                if (fd < 0) continue;
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
                c = calloc(1, sizeof *c);
                c->fd = fd;
                struct epoll_event add = {.events = EPOLLIN, .data.ptr = c};
                epoll_ctl(poll, EPOLL_CTL_ADD, fd, &add);
                continue;
            }
            int open = 1;
            if (events[e].events & EPOLLIN) {
                char chunk[65536];
                ssize_t n;
                while ((n = read(c->fd, chunk, sizeof chunk)) > 0) append(&c->in, chunk, (size_t)n);
                if (n == 0 || (n < 0 && errno != EAGAIN)) open = 0;
                else open = serve(c);
            }
            while (open && c->sent < c->out.length) {
                ssize_t n = write(c->fd, c->out.data + c->sent, c->out.length - c->sent);
                if (n < 0) { if (errno != EAGAIN) open = 0; break; }
                c->sent += (size_t)n;
            }
            if (open && c->sent == c->out.length) { c->out.length = 0; c->sent = 0; }
            struct epoll_event mod = {.events = EPOLLIN | (c->sent < c->out.length ? EPOLLOUT : 0), .data.ptr = c};
            if (open) epoll_ctl(poll, EPOLL_CTL_MOD, c->fd, &mod);
            else { close(c->fd); free(c->in.data); free(c->out.data); free(c); }
        }
    }
}
