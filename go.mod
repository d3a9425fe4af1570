module github.com/iamc/iamc

go 1.26.8
