module govox.dev/govox

go 1.19
