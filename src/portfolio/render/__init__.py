"""What pages show: ``view.ProjectView`` values, rendered by ``components`` from the
templates in ``templates/portfolio/`` (HTML) or as docutils nodes (other builders): the
``cards``, a project page's ``header``, the publication and collaborator ``lists``, grid
``filters`` and the generated ``keyword_pages``.
"""
