package main

import (
	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/gen/dashboard"
	"github.com/metricgen/metricgen/internal/gen/docs"
	"github.com/metricgen/metricgen/internal/gen/golang"
	"github.com/metricgen/metricgen/internal/gen/redact"
	"github.com/metricgen/metricgen/internal/gen/rules"
	"github.com/metricgen/metricgen/internal/model"
)

// emitters are every target metricgen writes, one package each.
var emitters = []func(*model.Spec) ([]gen.File, error){
	golang.Generate,
	redact.Generate,
	rules.Generate,
	dashboard.Generate,
	docs.Generate,
}
