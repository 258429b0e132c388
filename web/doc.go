// Package web serves rasad's dashboard: the built, embedded single-page
// application (map, timeline, actors, article view) that reads /api/v1.
// Its sources are in web/src; `npm run build` in web/ rebuilds web/dist.
package web
