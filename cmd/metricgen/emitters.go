package main

import (
	"github.com/metricgen/metricgen/internal/gen"
	"github.com/metricgen/metricgen/internal/gen/docs"
	"github.com/metricgen/metricgen/internal/model"
)

// emitters are every target metricgen writes, one package each.
var emitters = []func(*model.Spec) ([]gen.File, error){
	docs.Generate,
}
